package dev.callpermissions.system;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.CallPermissionsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the service lets the lookups already in flight finish, and takes no new ones.
 */
class GracefulShutdownIT {

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	@Test
	void aLookupInFlightFinishesWhileNewRequestsAreRefused() throws Exception {
		vendor.stubFor(get(urlPathEqualTo("/v23.0/100/call_permissions")).willReturn(okJson("""
				{"messaging_product":"whatsapp","permission":{"status":"permanent"},"actions":[]}""")
			.withFixedDelay(1500)));
		CountDownLatch closing = new CountDownLatch(1);
		ConfigurableApplicationContext context = start(closing);
		try {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();

			CompletableFuture<HttpResponse<String>> inFlight = this.client.sendAsync(lookup(port),
					HttpResponse.BodyHandlers.ofString());
			await().atMost(Duration.ofSeconds(5)).until(() -> !vendor.getAllServeEvents().isEmpty());
			// its own thread: close() blocks, and the common pool may have only one
			Thread stopping = Thread.ofPlatform().name("stopping").start(context::close);
			assertThat(closing.await(5, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThatExceptionOfType(ConnectException.class)
					.isThrownBy(() -> this.client.send(lookup(port), HttpResponse.BodyHandlers.ofString())));
			assertThat(inFlight).as("refused while the first lookup is still running").isNotDone();

			HttpResponse<String> finished = inFlight.get(5, TimeUnit.SECONDS);
			assertThat(finished.statusCode()).isEqualTo(200);
			assertThat(finished.body()).contains("\"canCall\"");
			assertThat(stopping.join(Duration.ofSeconds(5))).isTrue();
		}
		finally {
			context.close();
		}
	}

	private static HttpRequest lookup(int port) {
		return HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port
					+ "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765456"))
			.header("X-API-Key", "key")
			.timeout(Duration.ofSeconds(3))
			.build();
	}

	private static ConfigurableApplicationContext start(CountDownLatch closing) {
		SpringApplication application = new SpringApplication(CallPermissionsApplication.class);
		application.addListeners((ContextClosedEvent event) -> closing.countDown());
		return application.run("--server.port=0", "--call-permissions.cache.ttl=0s",
				"--call-permissions.security.api-keys.crm=key", "--call-permissions.accounts.main.provider=meta",
				"--call-permissions.accounts.main.access-token=token",
				"--call-permissions.accounts.main.base-url=" + vendor.baseUrl(),
				"--call-permissions.channels[0].business-number=+14155550100",
				"--call-permissions.channels[0].account=main", "--call-permissions.channels[0].phone-number-id=100");
	}

}
