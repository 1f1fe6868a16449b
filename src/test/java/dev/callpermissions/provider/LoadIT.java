package dev.callpermissions.provider;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.sun.management.UnixOperatingSystemMXBean;
import dev.callpermissions.HttpExchange;
import dev.callpermissions.TestVendorAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once against a vendor that is slow at random and fails one request in
 * ten: every client gets a 200 or a documented problem within its deadline, the cache
 * spares the vendor, and nothing leaks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoadIT {

	private static final int LOOKUPS = 2_000;

	private static final int CLIENTS = 64;

	private static final int USERS = 200;

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1")
			.dynamicPort()
			.containerThreads(4 * CLIENTS)
			.extensions(new OneFaultInTen()))
		.build();

	private static final String ANSWER = """
			{"messaging_product":"whatsapp","permission":{"status":"temporary","expiration_time":4102444800},
			 "actions":[{"action_name":"start_call","can_perform_action":true,"limits":[]}]}
			""";

	/** What a client may be told besides a 200, by status. */
	private static final Map<Integer, String> DOCUMENTED_PROBLEMS = Map.of(429, "RATE_LIMITED", 503,
			"PROVIDER_UNAVAILABLE", 504, "PROVIDER_TIMEOUT");

	/**
	 * The clients' own HTTP work runs on virtual threads, so it never counts as the
	 * service's.
	 */
	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestVendorAccounts.in(registry)
			.graphAccount("busy", "meta", "token-busy", vendor::baseUrl)
			.accountSetting("busy", "timeout", TIMEOUT::toString)
			.accountSetting("busy", "requests-per-second", () -> "5000")
			.graphChannel("+14155550100", "busy", "100")
			.apiKey("crm", "key");
	}

	@Test
	void manyClientsAgainstAFlakySlowVendorGetDocumentedAnswersWithinTheDeadlineAndSpareTheVendor() throws Exception {
		vendor.stubFor(get(urlPathEqualTo("/v23.0/100/call_permissions"))
			.willReturn(okJson(ANSWER).withUniformRandomDelay(1, 30)));
		// warms the JIT gently and fills the pools, so what is left open afterwards is a
		// leak
		run(LOOKUPS / 4, CLIENTS / 8);
		run(LOOKUPS / 4, CLIENTS);
		vendor.resetRequests();
		Resources before = Resources.now();

		List<Answer> answers = run(LOOKUPS, CLIENTS);

		Map<Integer, Long> byStatus = new ConcurrentHashMap<>();
		answers.forEach((answer) -> byStatus.merge(answer.status(), 1L, Long::sum));
		assertThat(byStatus.keySet()).as("statuses %s", byStatus).isSubsetOf(Set.of(200, 429, 503, 504));
		assertThat(byStatus.getOrDefault(200, 0L)).as("statuses %s", byStatus).isGreaterThan(LOOKUPS * 9L / 10);
		for (Answer answer : answers) {
			if (answer.status() != 200) {
				assertThat(answer.code()).isEqualTo(DOCUMENTED_PROBLEMS.get(answer.status()));
			}
			// a deadline of twice the timeout, and a margin for a busy two-core machine
			assertThat(answer.took()).isLessThan(TIMEOUT.multipliedBy(2).plusSeconds(1));
		}
		int vendorCalls = vendor.findAll(anyRequestedFor(urlPathEqualTo("/v23.0/100/call_permissions"))).size();
		assertThat(vendorCalls).as("vendor calls for %d lookups", LOOKUPS).isLessThan(LOOKUPS / 4);
		Resources after = Resources.settled(before);
		assertThat(after.threads()).as("platform threads").isLessThanOrEqualTo(before.threads() + 8);
		assertThat(after.openFiles()).as("open files and sockets").isLessThanOrEqualTo(before.openFiles() + 32);
	}

	private List<Answer> run(int lookups, int clientCount) throws Exception {
		AtomicLong next = new AtomicLong();
		List<Answer> answers = new ArrayList<>(lookups);
		try (ExecutorService clients = Executors.newFixedThreadPool(clientCount)) {
			List<Future<List<Answer>>> work = new ArrayList<>();
			for (int i = 0; i < clientCount; i++) {
				work.add(clients.submit(() -> {
					List<Answer> mine = new ArrayList<>();
					for (long n = next.getAndIncrement(); n < lookups; n = next.getAndIncrement()) {
						mine.add(lookup((int) (n % USERS)));
					}
					return mine;
				}));
			}
			for (Future<List<Answer>> each : work) {
				answers.addAll(each.get());
			}
		}
		return answers;
	}

	private Answer lookup(int user) throws Exception {
		long started = System.nanoTime();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port
					+ "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B1305776" + (4000 + user)))
			.header("X-API-Key", "key")
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		String code = null;
		if (response.statusCode() != 200) {
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = HttpExchange.json(response);
			code = problem.path("code").asText();
		}
		return new Answer(response.statusCode(), code, took);
	}

	record Answer(int status, String code, Duration took) {
	}

	/** Platform threads and open file descriptors (sockets included) of this JVM. */
	record Resources(int threads, long openFiles) {

		static Resources now() {
			long openFiles = (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix)
					? unix.getOpenFileDescriptorCount() : 0;
			// WireMock's own Jetty threads come and go with its load; they are not the
			// service's
			int threads = (int) Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> !thread.getName().startsWith("qtp"))
				.count();
			return new Resources(threads, openFiles);
		}

		/** Gives threads finishing their work a moment to end. */
		static Resources settled(Resources baseline) throws InterruptedException {
			Resources now = now();
			for (int i = 0; i < 20
					&& (now.threads() > baseline.threads() || now.openFiles() > baseline.openFiles()); i++) {
				Thread.sleep(100);
				now = now();
			}
			return now;
		}

	}

	/**
	 * One vendor answer in ten broken in one of the ways vendors break: a reset
	 * connection, an empty answer, a server error, a throttle with a short
	 * {@code Retry-After}, or an answer slower than the timeout.
	 */
	static final class OneFaultInTen implements ResponseDefinitionTransformerV2 {

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			if (random.nextInt(10) != 0) {
				return serveEvent.getResponseDefinition();
			}
			ResponseDefinitionBuilder fault = switch (random.nextInt(5)) {
				case 0 -> ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER);
				case 1 -> ResponseDefinitionBuilder.responseDefinition().withFault(Fault.EMPTY_RESPONSE);
				case 2 -> ResponseDefinitionBuilder.responseDefinition()
					.withStatus(500)
					.withHeader("Content-Type", "application/json")
					.withBody(
							"""
									{"error":{"message":"An unexpected error has occurred.","type":"OAuthException","code":2}}""");
				case 3 -> ResponseDefinitionBuilder.responseDefinition()
					.withStatus(429)
					.withHeader("Content-Type", "application/json")
					.withHeader("Retry-After", "1")
					.withBody(
							"""
									{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4}}""");
				default -> ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
					.withFixedDelay((int) TIMEOUT.multipliedBy(3).toMillis());
			};
			return fault.build();
		}

		@Override
		public String getName() {
			return "one-fault-in-ten";
		}

	}

}
