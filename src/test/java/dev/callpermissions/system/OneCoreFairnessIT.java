package dev.callpermissions.system;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.CallPermissionsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On one core, as the image runs in a one-CPU container, a steady load of cached lookups
 * does not keep a newcomer waiting: each new connection is answered within a second, a
 * vendor call too, and a batch whose vendor calls run on threads of their own. Before
 * Jetty's selectors kept producing, new connections and vendor calls under such a load
 * waited seconds (docs/performance.md). The service runs in a JVM of its own, since the
 * virtual-thread scheduler's size is fixed when a JVM starts.
 */
class OneCoreFairnessIT {

	private static final String LOOKUP = "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765401";

	private static final int LOAD_CLIENTS = 48;

	private static final File LOG = new File("target/one-core-fairness.log");

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	@Test
	void newConnectionsAndVendorCallsAreServedPromptlyWhileHitsKeepTheOneCoreBusy() throws Exception {
		vendor.stubFor(get(urlPathEqualTo("/v23.0/100/call_permissions")).willReturn(okJson("""
				{"messaging_product":"whatsapp","permission":{"status":"permanent"},"actions":[]}""")));
		int port = freePort();
		Process service = startOnOneCore(port);
		Thread killOnExit = Thread.ofPlatform().unstarted(service::destroyForcibly);
		Runtime.getRuntime().addShutdownHook(killOnExit);
		AtomicBoolean loading = new AtomicBoolean(true);
		AtomicLong hits = new AtomicLong();
		List<Thread> clients = new ArrayList<>();
		try {
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String base = "http://127.0.0.1:" + port;
			HttpRequest hit = HttpRequest.newBuilder(URI.create(base + LOOKUP))
				.header("X-API-Key", "key")
				.timeout(Duration.ofSeconds(10))
				.build();
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.failFast("the service ended; see " + LOG, () -> !service.isAlive())
				.until(() -> answers(client, hit));
			for (int i = 0; i < LOAD_CLIENTS; i++) {
				clients.add(Thread.ofPlatform().daemon().start(() -> {
					while (loading.get()) {
						try {
							if (client.send(hit, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
								hits.incrementAndGet();
							}
						}
						catch (IOException | InterruptedException ex) {
							return;
						}
					}
				}));
			}
			Thread.sleep(2000);
			long hitsBefore = hits.get();
			long windowStart = System.nanoTime();
			List<Long> newcomerMillis = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				newcomerMillis.add(firstLineMillis(port));
				Thread.sleep(200);
			}
			double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
			long refreshMillis = millisToAnswer(client,
					HttpRequest.newBuilder(URI.create(base + LOOKUP))
						.header("X-API-Key", "key")
						.header("Cache-Control", "no-cache")
						.timeout(Duration.ofSeconds(5))
						.build());
			long batchMillis = millisToAnswer(client,
					HttpRequest.newBuilder(URI.create(base + "/call-permissions/batch"))
						.header("X-API-Key", "key")
						.header("Content-Type", "application/json")
						.timeout(Duration.ofSeconds(5))
						.POST(HttpRequest.BodyPublishers.ofString(batchOfNewUsers(20)))
						.build());

			assertThat((hits.get() - hitsBefore) / windowSeconds).as("hits per second meanwhile").isGreaterThan(300);
			assertThat(newcomerMillis).as("milliseconds to each new connection's status line")
				.allSatisfy((millis) -> assertThat(millis).isLessThan(1000));
			assertThat(refreshMillis).as("milliseconds to a no-cache lookup, a vendor call").isLessThan(1000);
			assertThat(batchMillis).as("milliseconds to a batch of 20 new users, a vendor call each on its own thread")
				.isLessThan(1000);
		}
		finally {
			loading.set(false);
			service.destroy();
			if (!service.waitFor(30, TimeUnit.SECONDS)) {
				service.destroyForcibly();
			}
			Runtime.getRuntime().removeShutdownHook(killOnExit);
			for (Thread client : clients) {
				client.join(Duration.ofSeconds(5));
			}
		}
	}

	private static boolean answers(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	/**
	 * Milliseconds until the answer, which must be a 200 without a failed lookup in it; a
	 * timeout fails the test.
	 */
	private static long millisToAnswer(HttpClient client, HttpRequest request) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"permanent\"").doesNotContain("\"error\"");
		return millis;
	}

	private static String batchOfNewUsers(int count) {
		StringBuilder body = new StringBuilder("{\"lookups\":[");
		for (int i = 0; i < count; i++) {
			body.append((i > 0) ? "," : "")
				.append("{\"businessNumber\":\"+14155550100\",\"userNumber\":\"+1305776")
				.append(6000 + i)
				.append("\"}");
		}
		return body.append("]}").toString();
	}

	/**
	 * A cached lookup on a connection of its own: milliseconds until its status line, or
	 * until giving up after 5 s.
	 */
	private static long firstLineMillis(int port) throws IOException {
		long start = System.nanoTime();
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + LOOKUP + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: key\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String statusLine = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
				.readLine();
			assertThat(statusLine).startsWith("HTTP/1.1 200");
		}
		catch (SocketTimeoutException ex) {
			// the elapsed time says it
		}
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static Process startOnOneCore(int port) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-XX:ActiveProcessorCount=1", "-Xmx256m", "-cp",
				System.getProperty("java.class.path"), CallPermissionsApplication.class.getName(),
				"--server.port=" + port, "--server.address=127.0.0.1", "--call-permissions.security.api-keys.crm=key",
				"--call-permissions.accounts.main.provider=meta", "--call-permissions.accounts.main.access-token=token",
				"--call-permissions.accounts.main.base-url=" + vendor.baseUrl(),
				"--call-permissions.channels[0].business-number=+14155550100",
				"--call-permissions.channels[0].account=main", "--call-permissions.channels[0].phone-number-id=100")
			.redirectErrorStream(true)
			.redirectOutput(LOG)
			.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
