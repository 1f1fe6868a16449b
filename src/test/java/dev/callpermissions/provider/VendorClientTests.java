package dev.callpermissions.provider;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.callpermissions.provider.ProviderException.VendorError;
import dev.callpermissions.provider.VendorClient.VendorFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What every adapter gets from its account's {@link VendorClient}, whatever the vendor:
 * the request as sent, the time limit, the bound on an answer's size, the vendor's
 * {@code Retry-After}, the failures of the connection itself, and an exchange that
 * classifies errors and reads answers with the vendor's two functions.
 */
class VendorClientTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		// threads for the 80 slow answers at once of
		// callsCutAtTheirDeadlineGiveTheirConnectionsBack
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(120))
		.build();

	private final VendorClientFactory clients = new VendorClientFactory(RestClient.builder(), new ObjectMapper(),
			Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());

	@AfterEach
	void closeClients() throws Exception {
		this.clients.destroy();
	}

	@Test
	void sendsTheAccountsAuthenticationAndStrictlyEncodedValues() {
		vendor.stubFor(get(urlEqualTo("/users?number=%2B13057765456")).willReturn(aResponse().withStatus(200)));
		VendorResponse response = client(vendor.baseUrl(), Duration.ofSeconds(3)).get("/users?number={number}",
				"+13057765456");
		assertThat(response.status()).isEqualTo(200);
		vendor.verify(1, getRequestedFor(urlEqualTo("/users?number=%2B13057765456")).withHeader("Authorization",
				equalTo("Bearer vendor-token")));
	}

	@Test
	void aVendorSlowerThanTheAccountsTimeoutIsATimeout() {
		vendor.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));
		ProviderException failure = catchThrowableOfType(ProviderException.class,
				() -> client(vendor.baseUrl(), Duration.ofMillis(300)).get("/slow"));
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.TIMEOUT);
		assertThat(failure.getAccount()).isEqualTo("vendor-main");
	}

	@Test
	void aVendorThatSendsItsAnswerSlowerThanTheTimeoutAsAWholeIsATimeout() {
		// each part arrives well within the timeout; the whole answer does not
		vendor.stubFor(get(urlEqualTo("/dribble")).willReturn(aResponse().withStatus(200)
			.withBody("{\"a\":\"" + "x".repeat(100) + "\"}")
			.withChunkedDribbleDelay(10, 2_000)));
		ProviderException failure = catchThrowableOfType(ProviderException.class,
				() -> client(vendor.baseUrl(), Duration.ofMillis(600)).get("/dribble"));
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.TIMEOUT);
	}

	@Test
	void callsCutAtTheirDeadlineGiveTheirConnectionsBack() throws Exception {
		vendor.stubFor(get(urlEqualTo("/slower")).willReturn(aResponse().withStatus(200).withFixedDelay(1_000)));
		vendor.stubFor(get(urlEqualTo("/fast")).willReturn(aResponse().withStatus(200)));
		VendorClient client = client(vendor.baseUrl(), Duration.ofMillis(300));
		List<Future<ProviderException>> calls = new ArrayList<>();

		// more than the account's 64 pooled connections
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 80; i++) {
				calls.add(threads
					.submit(() -> catchThrowableOfType(ProviderException.class, () -> client.get("/slower"))));
			}
		}

		List<ProviderFailure> failures = new ArrayList<>();
		for (Future<ProviderException> call : calls) {
			failures.add(call.get().getFailure());
		}
		// a call still waiting for a connection when its time is up may find none
		assertThat(failures).isSubsetOf(ProviderFailure.TIMEOUT, ProviderFailure.UNAVAILABLE);
		assertThat(failures).filteredOn(ProviderFailure.TIMEOUT::equals).hasSizeGreaterThanOrEqualTo(64);
		// once the vendor has worked through the slow ones, a pool that lost its
		// connections would still refuse
		assertThat(eventuallyAnswered(client, "/fast", Duration.ofSeconds(10))).isTrue();
	}

	@ParameterizedTest(name = "length declared: {0}")
	@ValueSource(booleans = { true, false })
	void anAnswerOverOneMebibyteIsAnErrorAndIsNotKept(boolean declared) {
		vendor.stubFor(get(urlEqualTo("/huge")).willReturn(answerOf(VendorClient.MAX_BODY_BYTES + 1, declared)));
		ProviderException failure = catchThrowableOfType(ProviderException.class,
				() -> client(vendor.baseUrl(), Duration.ofSeconds(3)).get("/huge"));
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.ERROR);
		assertThat(failure.getVendorError().message()).isEqualTo("response larger than 1 MiB");
	}

	@ParameterizedTest(name = "length declared: {0}")
	@ValueSource(booleans = { true, false })
	void anAnswerOfExactlyOneMebibyteIsRead(boolean declared) {
		vendor.stubFor(get(urlEqualTo("/large")).willReturn(answerOf(VendorClient.MAX_BODY_BYTES, declared)));
		assertThat(client(vendor.baseUrl(), Duration.ofSeconds(3)).get("/large").body())
			.hasSize(VendorClient.MAX_BODY_BYTES);
	}

	@Test
	void aBaseUrlWithAPathPrecedesEveryRequestsPath() {
		vendor.stubFor(
				get(urlEqualTo("/gateway/users?number=%2B13057765456&page=2")).willReturn(aResponse().withStatus(200)));
		VendorClient client = client(vendor.baseUrl() + "/gateway/", Duration.ofSeconds(3));

		for (String page : new String[] { "1", "2" }) {
			client.get("/users?number={number}&page={page}", "+13057765456", page);
		}

		vendor.verify(1, getRequestedFor(urlEqualTo("/gateway/users?number=%2B13057765456&page=1")));
		vendor.verify(1, getRequestedFor(urlEqualTo("/gateway/users?number=%2B13057765456&page=2")));
	}

	private static boolean eventuallyAnswered(VendorClient client, String path, Duration within)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(within);
		while (Instant.now().isBefore(deadline)) {
			try {
				return client.get(path).status() == 200;
			}
			catch (ProviderException ex) {
				Thread.sleep(100);
			}
		}
		return false;
	}

	private static ResponseDefinitionBuilder answerOf(int length, boolean declared) {
		ResponseDefinitionBuilder answer = aResponse().withStatus(200).withBody(new byte[length]);
		// WireMock sends a body chunked unless its length is given
		return declared ? answer.withHeader("Content-Length", String.valueOf(length)) : answer;
	}

	@Test
	void aRateLimitCarriesTheVendorsRetryAfterInSeconds() {
		assertThat(rateLimited("7").retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void aRateLimitCarriesTheVendorsRetryAfterAsAnHttpDate() {
		assertThat(rateLimited("Sun, 22 Nov 2026 10:00:30 GMT").retryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aRateLimitWithoutAUsableRetryAfterWaitsOneSecond() {
		assertThat(rateLimited("soon").retryAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void garbageInsteadOfAnHttpAnswerIsUnavailable() {
		vendor.stubFor(get(urlEqualTo("/garbage")).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
		ProviderException failure = catchThrowableOfType(ProviderException.class,
				() -> client(vendor.baseUrl(), Duration.ofSeconds(3)).get("/garbage"));
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.UNAVAILABLE);
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aVendorThatRefusesTheConnectionIsUnavailableNotTimedOut() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		ProviderException failure = catchThrowableOfType(ProviderException.class,
				() -> client("http://127.0.0.1:" + closedPort, Duration.ofSeconds(3)).get("/anything"));
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.UNAVAILABLE);
	}

	@Test
	void anErrorAnswerIsWhatTheVendorsClassifierSaysWithItsRetryAfter() {
		vendor.stubFor(get(urlEqualTo("/refused"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "4").withBody("{\"code\":613}")));
		ProviderException failure = catchThrowableOfType(ProviderException.class,
				() -> client(vendor.baseUrl(), Duration.ofSeconds(3)).exchange((response) -> "answer",
						(response) -> new VendorFailure(ProviderFailure.RATE_LIMITED,
								new VendorError(response.status(), "613", new String(response.body()), null)),
						"/refused"));
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.RATE_LIMITED);
		assertThat(failure.getVendorError()).isEqualTo(new VendorError(429, "613", "{\"code\":613}", null));
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void aSuccessfulAnswerIsReadByTheVendorsReader() {
		vendor.stubFor(get(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody("yes")));
		String answer = client(vendor.baseUrl(), Duration.ofSeconds(3))
			.exchange((response) -> new String(response.body()), (response) -> null, "/ok");
		assertThat(answer).isEqualTo("yes");
	}

	@Test
	void anAnswerThatCannotBeParsedIsARetriedProviderError() {
		vendor.stubFor(get(urlEqualTo("/html")).willReturn(aResponse().withStatus(200).withBody("<html>")));
		ProviderException failure = catchThrowableOfType(ProviderException.class,
				() -> client(vendor.baseUrl(), Duration.ofSeconds(3))
					.exchange((response) -> new ObjectMapper().readTree(response.body()), (response) -> null, "/html"));
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.ERROR);
		assertThat(failure.getFailure().isTransient()).isTrue();
		assertThat(failure.getVendorError().message()).isEqualTo("unparseable answer");
	}

	@Test
	void anAnswerWithATimestampThatIsNoneIsNotRetried() {
		vendor.stubFor(get(urlEqualTo("/words")).willReturn(aResponse().withStatus(200).withBody("tomorrow")));
		ProviderException failure = catchThrowableOfType(ProviderException.class,
				() -> client(vendor.baseUrl(), Duration.ofSeconds(3))
					.exchange((response) -> Instant.parse(new String(response.body())), (response) -> null, "/words"));
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.UNUSABLE_ANSWER);
		assertThat(failure.getFailure().isTransient()).isFalse();
		assertThat(failure.getVendorError().message()).isEqualTo("unreadable timestamp");
	}

	private ProviderException rateLimited(String retryAfter) {
		vendor.stubFor(get(urlEqualTo("/throttled"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", retryAfter)));
		VendorClient client = client(vendor.baseUrl(), Duration.ofSeconds(3));
		VendorResponse response = client.get("/throttled");
		assertThat(response.status()).isEqualTo(429);
		return client.failure(ProviderFailure.RATE_LIMITED, null, response);
	}

	private VendorClient client(String baseUrl, Duration timeout) {
		Account account = TestAccount.meta().accessToken("vendor-token").baseUrl(baseUrl).timeout(timeout).build();
		return this.clients.create(TEST_VENDOR, "vendor-main", account,
				(headers) -> headers.setBearerAuth("vendor-token"));
	}

	/** A vendor with one host; only its id and base URL are read. */
	private static final Vendor TEST_VENDOR = new Vendor() {

		@Override
		public String id() {
			return "meta";
		}

		@Override
		public Map<String, String> hosts() {
			return Map.of("", "https://vendor.example");
		}

		@Override
		public boolean acceptsUserIds() {
			return false;
		}

		@Override
		public void checkAccount(VendorSettings account) {
		}

		@Override
		public void checkChannel(VendorSettings channel) {
		}

		@Override
		public CallPermissionProvider create(String accountName, Account account, VendorSettings settings,
				Map<Channel, VendorSettings> channels) {
			throw new UnsupportedOperationException();
		}

	};

}
