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
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.lookup.store.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
 * channels and their vendor, the clients' keys, the cache's lifetime and store, Redis,
 * the port and address, structured logs. The service runs in a JVM of its own, from the
 * classes the build processed.
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
		this.service = start(port);
		String base = "http://127.0.0.1:" + port;
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.failFast("the service ended; see " + LOG, () -> !this.service.isAlive())
			.until(() -> status(base + "/actuator/health/readiness") == 200);
		assertThat(redis.keys()).as("keys in Redis before the first lookup").isZero();

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
		assertThat(redis.keys()).as("keys in Redis after the lookup (cache.store: redis)").isPositive();
		assertThat(send(base + "/actuator/prometheus", "X-API-Key", "crm-key").body())
			.contains("call_permissions_lookups_seconds_count");
		String log = Files.readString(LOG.toPath(), StandardCharsets.UTF_8);
		assertThat(log).as("started from the build's processing, logging ECS JSON lines")
			.contains("\"message\":\"Starting AOT-processed CallPermissionsApplication");
		assertThat(log).doesNotContain("meta-token").doesNotContain("crm-key");
	}

	private static Process start(int port) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-Xmx256m", "-cp",
				System.getProperty("java.class.path"), CallPermissionsApplication.class.getName(),
				"--server.port=" + port, "--server.address=127.0.0.1", "--logging.structured.format.console=ecs",
				"--call-permissions.security.api-keys.crm=crm-key", "--call-permissions.cache.ttl=60s",
				"--call-permissions.cache.store=redis", "--spring.data.redis.url=" + redis.url(),
				"--call-permissions.accounts.meta-main.provider=meta",
				"--call-permissions.accounts.meta-main.access-token=meta-token",
				"--call-permissions.accounts.meta-main.base-url=" + vendor.baseUrl(),
				"--call-permissions.channels[0].business-number=+14155550100",
				"--call-permissions.channels[0].account=meta-main",
				"--call-permissions.channels[0].phone-number-id=106540352242922")
			.redirectErrorStream(true)
			.redirectOutput(LOG)
			.start();
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
