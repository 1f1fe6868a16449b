package dev.callpermissions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.lookup.store.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The image starts the context as Spring's build-time (AOT) processing prepared it
 * ({@code -Dspring.aot.enabled=true}), which fixes every condition when the jar is built.
 * The settings the README lists as read at run time still work in that mode: accounts,
 * channels and their vendor, the clients' keys or none, the cache's lifetime and store,
 * Redis, webhooks, the port and address, structured logs; the API, its document and
 * Swagger UI answer; and a setting that cannot work stops the start with one line, a
 * switch fixed at build time given another value included. Each start runs in a JVM of
 * its own, from the classes the build processed.
 */
class AotProcessedStartIT {

	private static final String VENDOR_PATH = "/v23.0/106540352242922/call_permissions";

	private static final String LOOKUP = "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765401";

	private static final File LOG = new File("target/aot-processed-start.log");

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	@RegisterExtension
	static RedisServer redis = new RedisServer();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private Process service;

	@BeforeEach
	void emptyRedis() {
		redis.flush();
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.service != null) {
			this.service.destroy();
			if (!this.service.waitFor(30, TimeUnit.SECONDS)) {
				this.service.destroyForcibly();
			}
		}
	}

	@Test
	void theSettingsReadAtRunTimeWorkInTheContextProcessedAtBuildTime() throws Exception {
		vendor.stubFor(get(urlPathEqualTo(VENDOR_PATH)).willReturn(okJson("""
				{"messaging_product":"whatsapp","permission":{"status":"permanent"},"actions":[]}""")));
		int port = freePort();
		this.service = start(port, "--logging.structured.format.console=ecs",
				"--call-permissions.security.api-keys.crm=crm-key", "--call-permissions.cache.ttl=60s",
				"--call-permissions.cache.store=redis", "--spring.data.redis.url=" + redis.url());
		String base = "http://127.0.0.1:" + port;
		awaitReady(base);

		HttpResponse<String> withoutKey = send(base + LOOKUP);
		HttpResponse<String> first = send(base + LOOKUP, "X-API-Key", "crm-key");
		HttpResponse<String> second = send(base + LOOKUP, "X-API-Key", "crm-key");

		assertThat(withoutKey.statusCode()).isEqualTo(401);
		assertThat(withoutKey.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("\"status\":\"permanent\"").contains("\"account\":\"meta-main\"");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.headers().firstValue("Age")).as("the second lookup is a hit").isPresent();
		vendor.verify(1,
				getRequestedFor(urlPathEqualTo(VENDOR_PATH)).withHeader("Authorization", equalTo("Bearer meta-token")));
		assertThat(redis.millisToLive("call-permissions:v1:answer:meta-main:+14155550100:+13057765401"))
			.as("the answer in Redis for cache.ttl 60s (the default is 30s)")
			.isBetween(30_001L, 60_000L);
		assertThat(send(base + "/actuator/prometheus", "X-API-Key", "crm-key").body())
			.contains("call_permissions_lookups_seconds_count");
		// stopped first: the console's lines still queued are written as it stops
		stop();
		String log = Files.readString(LOG.toPath(), StandardCharsets.UTF_8);
		assertThat(log).as("started from the build's processing, logging ECS JSON lines")
			.contains("\"message\":\"Starting AOT-processed CallPermissionsApplication");
		assertThat(log).as("listening on the given address only").contains("{127.0.0.1:" + port + "}");
		assertThat(log).doesNotContain("meta-token").doesNotContain("crm-key");
	}

	@Test
	void theLocalStoreWithoutACacheOrKeysServesTheApiItsDocumentAndWebhooks() throws Exception {
		vendor.stubFor(get(urlPathEqualTo(VENDOR_PATH)).willReturn(
				okJson("""
						{"messaging_product":"whatsapp","permission":{"status":"temporary","expiration_time":1893456000},"actions":[]}""")));
		int port = freePort();
		this.service = start(port, "--call-permissions.cache.ttl=0s", "--call-permissions.security.enabled=false",
				"--spring.data.redis.url=" + redis.url(), "--call-permissions.webhooks.meta.verify-token=verify-me",
				"--call-permissions.webhooks.meta.app-secrets.main-app=app-secret");
		String base = "http://127.0.0.1:" + port;
		awaitReady(base);

		HttpResponse<String> first = send(base + LOOKUP);
		HttpResponse<String> second = send(base + LOOKUP);
		HttpResponse<String> batch = this.client
			.send(HttpRequest.newBuilder(URI.create(base + "/call-permissions/batch"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"lookups":[{"businessNumber":"+14155550100","userNumber":"+13057765402"}]}"""))
				.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> handshake = send(
				base + "/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444");

		assertThat(first.statusCode()).as("no key needed with security off").isEqualTo(200);
		assertThat(first.body()).contains("\"status\":\"temporary\"");
		assertThat(second.headers().firstValue("Age")).as("cache.ttl 0s keeps nothing").isEmpty();
		assertThat(batch.statusCode()).isEqualTo(200);
		assertThat(batch.body()).contains("+13057765402");
		vendor.verify(3, getRequestedFor(urlPathEqualTo(VENDOR_PATH)));
		assertThat(handshake.statusCode()).isEqualTo(200);
		assertThat(handshake.body()).isEqualTo("1158201444");
		assertThat(send(base + "/v3/api-docs").body()).contains("\"/call-permissions\"")
			.contains("\"/call-permissions/batch\"");
		assertThat(send(base + "/swagger-ui.html").statusCode()).isEqualTo(302);
		assertThat(send(base + "/swagger-ui/index.html").statusCode()).isEqualTo(200);
		assertThat(send(base + "/actuator/env").statusCode()).as("not exposed by the build").isEqualTo(404);
		assertThat(redis.keys()).as("keys in the Redis the settings name, with the local store").isZero();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,env | management.endpoints.web.exposure.include: is fixed when the jar is built
					CALL_PERMISSIONS_SECURITY_API_KEYS_CRM=${UNSET_CRM_KEY} | CALL_PERMISSIONS_SECURITY_API_KEYS_CRM: refers to a ${...} placeholder
					""")
	void aSettingThatCannotWorkStopsTheStartWithOneLine(String variable, String line) throws Exception {
		int port = freePort();
		String[] nameAndValue = variable.split("=", 2);
		ProcessBuilder builder = command(port, "--call-permissions.security.api-keys.other=other-key");
		builder.environment().put(nameAndValue[0], nameAndValue[1]);
		this.service = builder.start();

		assertThat(this.service.waitFor(60, TimeUnit.SECONDS)).as("the start ended").isTrue();
		assertThat(this.service.exitValue()).isNotZero();
		String log = Files.readString(LOG.toPath(), StandardCharsets.UTF_8);
		assertThat(log).contains("Invalid configuration: " + line).doesNotContain("\tat ");
	}

	private static Process start(int port, String... settings) throws IOException {
		return command(port, settings).start();
	}

	/**
	 * The service on the given port of 127.0.0.1, with one Meta account and channel on
	 * the simulated vendor, and the given settings.
	 */
	private static ProcessBuilder command(int port, String... settings) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(
				List.of(java, "-Dspring.aot.enabled=true", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
						CallPermissionsApplication.class.getName(), "--server.port=" + port,
						"--server.address=127.0.0.1", "--call-permissions.accounts.meta-main.provider=meta",
						"--call-permissions.accounts.meta-main.access-token=meta-token",
						"--call-permissions.accounts.meta-main.base-url=" + vendor.baseUrl(),
						"--call-permissions.channels[0].business-number=+14155550100",
						"--call-permissions.channels[0].account=meta-main",
						"--call-permissions.channels[0].phone-number-id=106540352242922"));
		command.addAll(List.of(settings));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG);
	}

	private void awaitReady(String base) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.failFast("the service ended; see " + LOG, () -> !this.service.isAlive())
			.until(() -> status(base + "/actuator/health/readiness") == 200);
	}

	private int status(String url) {
		try {
			return send(url).statusCode();
		}
		catch (IOException | InterruptedException ex) {
			return -1;
		}
	}

	private HttpResponse<String> send(String url, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
