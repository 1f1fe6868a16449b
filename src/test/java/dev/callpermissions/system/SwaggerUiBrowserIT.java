package dev.callpermissions.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.callpermissions.sandbox.SandboxTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Swagger UI as an engineer uses it, in headless Chromium: authorize with an API key, try
 * {@code GET /call-permissions} against the simulated vendors, read the answer on the
 * page. Uses Debian's {@code chromium} and {@code chromium-driver} (which {@code .ci/run}
 * installs); without them the test is skipped, never failed.
 */
class SwaggerUiBrowserIT extends SandboxTestSupport {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static WebDriver browser;

	@BeforeAll
	static void startBrowser() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium is not installed: apt-get install chromium chromium-driver (.ci/run does)");
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.withSilent(true)
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			// no background traffic: this machine's network is closed and refuses it
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1400,2400");
		browser = new ChromeDriver(driver, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void anEngineerAuthorizesWithAKeyAndTriesALookup() {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		browser.get("http://127.0.0.1:" + this.port + "/swagger-ui.html");

		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.btn.authorize"))).click();
		WebElement keyField = wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux input[type=text]")));
		keyField.sendKeys(API_KEY);
		browser.findElement(By.cssSelector(".modal-ux .auth-btn-wrapper button.authorize")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".modal-ux button.btn-done"))).click();

		WebElement operation = wait.until(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//div[contains(@class,'opblock-get')][.//*[@data-path='/call-permissions']]")));
		operation.findElement(By.cssSelector(".opblock-summary")).click();
		List<WebElement> tryItOut = wait.until((page) -> operation.findElements(By.cssSelector("button.try-out__btn")));
		if (!tryItOut.isEmpty() && tryItOut.get(0).getText().contains("Try it out")) {
			tryItOut.get(0).click();
		}
		fill(wait, operation, "businessNumber", "+14155550100");
		fill(wait, operation, "userNumber", "+13057765401");
		operation.findElement(By.cssSelector("button.execute")).click();

		WebElement status = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(operation,
				By.cssSelector(".live-responses-table .response .response-col_status")))
			.get(0);
		String body = operation.findElement(By.cssSelector(".live-responses-table .response-col_description pre"))
			.getText();
		assertThat(status.getText()).as(body).startsWith("200");
		assertThat(body).contains("\"canCall\": true")
			.contains("\"status\": \"temporary\"")
			.contains("\"userNumber\": \"+13057765401\"");
	}

	/** Replaces the example Swagger UI fills in with the value. */
	private static void fill(WebDriverWait wait, WebElement operation, String parameter, String value) {
		WebElement input = wait
			.until((page) -> operation.findElement(By.cssSelector("tr[data-param-name='" + parameter + "'] input")));
		input.clear();
		input.sendKeys(value);
	}

}
