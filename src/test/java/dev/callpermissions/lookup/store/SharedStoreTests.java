package dev.callpermissions.lookup.store;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.CallPermissionsApplication;
import dev.callpermissions.MutableClock;
import dev.callpermissions.lookup.CallPermissionCache;
import dev.callpermissions.phone.PhoneNumber;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.HttpExchange.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the service on one real Redis ({@code cache.store: redis}) and one
 * simulated Meta: what one replica learns, the other knows; what one evicts, the other
 * drops; they ask the vendor once between them and spend one rate; and Redis going away
 * or coming back never fails a lookup. Each test looks up users of its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedStoreTests {

	@RegisterExtension
	@Order(1)
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	@Order(2)
	static final WireMockExtension meta = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private static final String PATH = "/v23.0/106540352242922/call_permissions";

	private static final String LIMITED_PATH = "/v23.0/106540352242924/call_permissions";

	private static final String SECRET = "main-app-secret";

	private static final int LIMITED_RATE = 3;

	private static final AtomicLong sharingProbes = new AtomicLong();

	private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private static ConfigurableApplicationContext replicaA;

	private static ConfigurableApplicationContext replicaB;

	private static int portA;

	private static int portB;

	@BeforeAll
	static void startTwoReplicas() {
		replicaA = replica();
		replicaB = replica();
		portA = ((WebServerApplicationContext) replicaA).getWebServer().getPort();
		portB = ((WebServerApplicationContext) replicaB).getWebServer().getPort();
	}

	@AfterAll
	static void stopReplicas() {
		if (replicaA != null) {
			replicaA.close();
		}
		if (replicaB != null) {
			replicaB.close();
		}
	}

	@BeforeEach
	void resetVendorAndAwaitSharing() throws InterruptedException {
		meta.resetAll();
		// A test that paused, killed or restarted Redis can leave a replica's connection
		// still reconnecting when the next test begins, and a command that fails then
		// marks Redis down for that replica: each test starts with both replicas sharing
		// their answers through Redis again.
		long started = System.nanoTime();
		boolean shared = false;
		while (!shared && System.nanoTime() - started < Duration.ofSeconds(30).toNanos()) {
			String user = String.valueOf(13057700000L + sharingProbes.incrementAndGet());
			stubAnswer(PATH, user, permanent());
			lookup(portA, user);
			shared = lookup(portB, user).headers().firstValue("Age").isPresent() && vendorCalls(PATH, user) == 1;
			if (!shared) {
				Thread.sleep(100);
			}
		}
		assertThat(shared).as("both replicas share their answers through Redis before the test").isTrue();
		meta.resetAll();
	}

	@Test
	void aMissOnOneReplicaIsAHitOnTheOtherWithItsAge() {
		stubAnswer(PATH, "13057765401", permanent());

		HttpResponse<String> first = lookup(portA, "13057765401");
		CLOCK.advance(Duration.ofSeconds(7));
		HttpResponse<String> second = lookup(portB, "13057765401");

		assertThat(first.headers().firstValue("Age")).isEmpty();
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.headers().firstValue("Age")).hasValue("7");
		assertThat(json(second).get("retrievedAt")).isEqualTo(json(first).get("retrievedAt"));
		assertThat(vendorCalls(PATH, "13057765401")).isEqualTo(1);
		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			long ttl = connection.sync().pttl("call-permissions:v1:answer:meta-main:+14155550100:+13057765401");
			assertThat(ttl).as("the answer's remaining lifetime, cache.ttl").isBetween(20_000L, 30_000L);
		}
	}

	@Test
	void anAnswerFromRedisKeepsItsExpiryAndResetTimes() {
		long expiry = CLOCK.instant().plusSeconds(20).getEpochSecond();
		long reset = CLOCK.instant().plusSeconds(3600).getEpochSecond();
		stubAnswer(PATH, "13057765430", """
				{"permission":{"status":"temporary","expiration_time":%d},"actions":[
				 {"action_name":"send_call_permission_request","can_perform_action":false,"limits":[
				  {"time_period":"PT24H","max_allowed":1,"current_usage":1,"limit_expiration_time":%d}]},
				 {"action_name":"start_call","can_perform_action":true,"limits":[]}]}""".formatted(expiry, reset));

		JsonNode first = json(lookup(portA, "13057765430"));
		JsonNode shared = json(lookup(portB, "13057765430"));
		CLOCK.advance(Duration.ofSeconds(21));
		JsonNode afterExpiry = json(lookup(portB, "13057765430"));

		assertThat(shared.at("/permission/expiresAt").asText()).isEqualTo(Instant.ofEpochSecond(expiry).toString())
			.isEqualTo(first.at("/permission/expiresAt").asText());
		assertThat(shared.at("/actions/0/limits/0/resetsAt").asText())
			.isEqualTo(Instant.ofEpochSecond(reset).toString());
		assertThat(shared).isEqualTo(first);
		assertThat(afterExpiry.at("/permission/status").asText()).isEqualTo("expired");
		assertThat(afterExpiry.get("canCall").asBoolean()).isFalse();
	}

	@Test
	void anAnswerWrittenWithEpochMillisecondsByAnEarlierBuildReadsRight() {
		Instant expiry = CLOCK.instant().plusSeconds(20);
		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync()
				.psetex("call-permissions:v1:answer:meta-main:+14155550100:+13057765431", 20_000, """
						{"permission":{"status":"temporary","expiresAt":%d,"providerStatus":"temporary"},"actions":[
						 {"name":"start_call","allowed":true,"limits":[]}],"retrievedAtSecond":%d}"""
					.formatted(expiry.toEpochMilli(), CLOCK.instant().getEpochSecond()));
		}

		JsonNode answer = json(lookup(portB, "13057765431"));

		assertThat(answer.at("/permission/expiresAt").asText()).isEqualTo(expiry.toString());
		assertThat(vendorCalls(PATH, "13057765431")).isZero();
	}

	@Test
	void aLookupReadsTheSharedAnswerOnceOnEachReplicaThatMisses() {
		stubAnswer(PATH, "13057765406", permanent());
		stubAnswer(PATH, "13057765407", permanent());
		// the account's shared rate exists before the counting starts
		lookup(portA, "13057765407");

		Map<String, Long> before = commandCalls();
		lookup(portA, "13057765406");
		Map<String, Long> afterMiss = commandCalls();
		lookup(portA, "13057765406", "Cache-Control", "no-cache");
		Map<String, Long> afterRefresh = commandCalls();
		lookup(portB, "13057765406");
		Map<String, Long> afterOtherReplica = commandCalls();
		lookup(portB, "13057765406");
		Map<String, Long> afterLocalHit = commandCalls();

		// a vendor call spends the account's shared rate, which reads Redis too, and
		// sharing its answer reads the key inside the write's script; a refresh asks the
		// vendor without reading the answer first
		assertThat(calls(afterMiss, before, "get") - calls(afterRefresh, afterMiss, "get"))
			.as("GETs of the answer for a miss everywhere")
			.isEqualTo(1);
		assertThat(calls(afterOtherReplica, afterRefresh, "get")).as("GETs for the other replica's miss").isEqualTo(1);
		assertThat(calls(afterLocalHit, afterOtherReplica, "get")).as("GETs for a local hit").isZero();
		assertThat(vendorCalls(PATH, "13057765406")).isEqualTo(2);
	}

	@Test
	void aNoCacheRefreshOnOneReplicaReachesTheOtherWithinOneSecond() throws Exception {
		stubAnswer(PATH, "13057765402", notGranted());
		lookup(portA, "13057765402");
		assertThat(status(lookup(portB, "13057765402"))).isEqualTo("not_granted");
		stubAnswer(PATH, "13057765402", permanent());

		assertThat(status(lookup(portA, "13057765402", "Cache-Control", "no-cache"))).isEqualTo("permanent");
		long refreshed = System.nanoTime();
		HttpResponse<String> other = awaitStatus(portB, "13057765402", "permanent");

		assertThat(Duration.ofNanos(System.nanoTime() - refreshed)).isLessThan(Duration.ofSeconds(1));
		assertThat(other.headers().firstValue("Age")).as("the refreshed answer, shared").hasValue("0");
		assertThat(vendorCalls(PATH, "13057765402")).isEqualTo(2);
	}

	@Test
	void aWebhookOnOneReplicaEvictsTheAnswerOnTheOtherWithinOneSecond() throws Exception {
		stubAnswer(PATH, "13057765403", notGranted());
		lookup(portA, "13057765403");
		assertThat(status(lookup(portB, "13057765403"))).isEqualTo("not_granted");
		stubAnswer(PATH, "13057765403", permanent());

		assertThat(deliver(portA, acceptedBy("13057765403")).statusCode()).isEqualTo(200);
		long delivered = System.nanoTime();
		HttpResponse<String> other = awaitStatus(portB, "13057765403", "permanent");

		assertThat(Duration.ofNanos(System.nanoTime() - delivered)).isLessThan(Duration.ofSeconds(1));
		assertThat(other.headers().firstValue("Age")).isEmpty();
		assertThat(vendorCalls(PATH, "13057765403")).isEqualTo(2);
	}

	@Test
	void rightAfterAWebhookAMissOnOneReplicaIsStillAHitOnTheOther() throws Exception {
		stubAnswer(PATH, "13057765409", notGranted());
		lookup(portA, "13057765409");
		stubAnswer(PATH, "13057765409", permanent());
		assertThat(deliver(portA, acceptedBy("13057765409")).statusCode()).isEqualTo(200);

		HttpResponse<String> onA = lookup(portA, "13057765409");
		HttpResponse<String> onB = lookup(portB, "13057765409");

		assertThat(status(onA)).isEqualTo("permanent");
		assertThat(status(onB)).isEqualTo("permanent");
		assertThat(onB.headers().firstValue("Age")).as("the answer the other replica asked for after the webhook")
			.isPresent();
		assertThat(vendorCalls(PATH, "13057765409")).isEqualTo(2);
	}

	@Test
	void aReplicaThatLostItsSubscriptionDropsItsCopiesWhenItSubscribesAgain() throws Exception {
		stubAnswer(PATH, "13057765490", notGranted());
		lookup(portA, "13057765490");
		assertThat(lookup(portB, "13057765490").headers().firstValue("Age")).isPresent();
		stubAnswer(PATH, "13057765490", permanent());

		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			// another replica's webhook, its announcement lost with the subscriptions
			connection.sync().del("call-permissions:v1:answer:meta-main:+14155550100:+13057765490");
			connection.sync().clientKill(KillArgs.Builder.typePubsub());
			long giveUpAt = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (connection.sync().pubsubNumsub(RedisStore.INVALIDATIONS).get(RedisStore.INVALIDATIONS) < 2
					&& System.nanoTime() - giveUpAt < 0) {
				Thread.sleep(20);
			}
		}
		HttpResponse<String> after = awaitStatus(portB, "13057765490", "permanent");

		assertThat(status(after)).isEqualTo("permanent");
		assertThat(vendorCalls(PATH, "13057765490")).isEqualTo(2);
	}

	@Test
	void aDeliveryWithOneSpellingDropsTheOtherWhenAnotherReplicaSawThemTogether() throws Exception {
		meta.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("recipient", equalTo("US.1000000000491"))
			.willReturn(okJson(notGranted())));
		assertThat(deliver(portA, acceptedBy("13057765491", "US.1000000000491")).statusCode()).isEqualTo(200);
		lookupById(portA, "US.1000000000491");
		assertThat(lookupById(portB, "US.1000000000491").headers().firstValue("Age")).isPresent();
		meta.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("recipient", equalTo("US.1000000000491"))
			.willReturn(okJson(permanent())));

		assertThat(deliver(portB, acceptedBy("13057765491")).statusCode()).isEqualTo(200);
		// the other replica hears of it by Redis's pub/sub, within a second
		HttpResponse<String> onA = awaitStatus(() -> lookupById(portA, "US.1000000000491"), "permanent");

		assertThat(status(onA)).isEqualTo("permanent");
		assertThat(onA.headers().firstValue("Age")).isEmpty();
	}

	@Test
	void anEvictionRedisDidNotTakeIsSentAgainWhenRedisIsBack() throws Exception {
		stubAnswer(PATH, "13057765492", notGranted());
		lookup(portA, "13057765492");
		assertThat(lookup(portB, "13057765492").headers().firstValue("Age")).isPresent();
		stubAnswer(PATH, "13057765492", permanent());

		redis.crashAfterSnapshot();
		try {
			assertThat(deliver(portA, acceptedBy("13057765492")).statusCode()).isEqualTo(200);
		}
		finally {
			// back with the old answer, as a server with persistence comes back
			redis.start();
		}
		HttpResponse<String> onB = awaitStatus(portB, "13057765492", "permanent");

		assertThat(status(onB)).isEqualTo("permanent");
	}

	@Test
	void aWebhookOfManyEventsReachesRedisWithOneCommandForItsAnswersAndOneAnnouncement() throws Exception {
		List<String> users = IntStream.range(0, 20).mapToObj((i) -> String.valueOf(13057765440L + i)).toList();

		Map<String, Long> before = commandCalls();
		HttpResponse<String> response = deliver(portA, acceptedByAll(users));
		Map<String, Long> after = commandCalls();

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(calls(after, before, "eval")).isEqualTo(1);
		assertThat(calls(after, before, "publish")).isEqualTo(1);
	}

	@Test
	void aLookupDuringAWebhookDeliveryKeepsNoAnswerTheDeliveryEvicted() {
		stubAnswer(PATH, "13057765432", notGranted());
		assertThat(status(lookup(portA, "13057765432"))).isEqualTo("not_granted");
		stubAnswer(PATH, "13057765432", permanent());
		CallPermissionCache cache = replicaA.getBean(CallPermissionCache.class);

		HttpResponse<String> during;
		try (CallPermissionCache.Evictions evictions = cache.evictions()) {
			evictions.evict("meta-main", "+14155550100", List.of(PhoneNumber.parse("+13057765432")));
			// not yet replaced in Redis: this replica reads the old answer again
			during = lookup(portA, "13057765432");
		}
		HttpResponse<String> after = lookup(portA, "13057765432");

		assertThat(status(during)).isEqualTo("not_granted");
		assertThat(status(after)).isEqualTo("permanent");
	}

	@Test
	void aWebhookOfManyEventsIsAnsweredQuicklyWhileRedisHangs() throws Exception {
		List<String> users = IntStream.range(0, 20).mapToObj((i) -> String.valueOf(13057765460L + i)).toList();
		HttpResponse<String> response;
		long millis;
		try {
			redis.pause();
			long started = System.nanoTime();
			response = deliver(portA, acceptedByAll(users));
			millis = (System.nanoTime() - started) / 1_000_000;
		}
		finally {
			redis.resume();
		}
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> "UP".equals(health(portA)) && "UP".equals(health(portB)));

		assertThat(response.statusCode()).isEqualTo(200);
		// one EVAL and one PUBLISH, each waiting the replicas' Redis timeout (1 s here),
		// not two for each of the 20 users
		assertThat(millis).as("ms to the 200").isLessThan(3500);
	}

	@Test
	void concurrentMissesAcrossBothReplicasMakeOneVendorCall() throws Exception {
		meta.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("user_wa_id", equalTo("13057765404"))
			.willReturn(okJson(permanent()).withFixedDelay(500)));

		List<HttpResponse<String>> responses = concurrently(16,
				(i) -> lookup((i % 2 == 0) ? portA : portB, "13057765404"));

		assertThat(responses).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
		assertThat(vendorCalls(PATH, "13057765404")).isEqualTo(1);
	}

	@Test
	void aBatchOnAReplicaWithoutTheAnswersReadsThemAllFromRedisInOneCommand() throws Exception {
		List<String> users = IntStream.range(0, 20).mapToObj((i) -> String.valueOf(13057765600L + i)).toList();
		users.forEach((user) -> stubAnswer(PATH, user, permanent()));
		String batch = users.stream()
			.map((user) -> "{\"businessNumber\":\"+14155550100\",\"userNumber\":\"+" + user + "\"}")
			.collect(Collectors.joining(",", "{\"lookups\":[", "]}"));
		JsonNode onA = json(batchLookup(portA, batch)).get("results");
		CLOCK.advance(Duration.ofSeconds(3));

		Map<String, Long> before = commandCalls();
		HttpResponse<String> onB = batchLookup(portB, batch);
		Map<String, Long> after = commandCalls();

		assertThat(onB.statusCode()).isEqualTo(200);
		JsonNode results = json(onB).get("results");
		assertThat(results).hasSize(20);
		for (int i = 0; i < 20; i++) {
			assertThat(results.get(i).at("/permission/status").asText()).isEqualTo("permanent");
			assertThat(results.get(i).get("retrievedAt")).as("the answer replica A retrieved")
				.isEqualTo(onA.get(i).get("retrievedAt"));
		}
		assertThat(users).allSatisfy((user) -> assertThat(vendorCalls(PATH, user)).isEqualTo(1));
		assertThat(calls(after, before, "mget")).as("MGET commands").isEqualTo(1);
		assertThat(calls(after, before, "get")).as("GET commands").isZero();
	}

	@Test
	void theRequestsPerSecondOfAnAccountHoldAcrossBothReplicas() throws Exception {
		meta.stubFor(get(urlPathEqualTo(LIMITED_PATH)).willReturn(okJson(permanent())));

		long started = System.nanoTime();
		List<HttpResponse<String>> responses = concurrently(18, (i) -> call((i % 2 == 0) ? portA : portB,
				"/call-permissions?businessNumber=%2B14155550102&userNumber=%2B130577655" + (10 + i)));
		double seconds = (System.nanoTime() - started) / 1e9;

		int asked = meta.findAll(getRequestedFor(urlPathEqualTo(LIMITED_PATH))).size();
		long limited = responses.stream().filter((response) -> response.statusCode() == 429).count();
		// the bucket starts full and refills LIMITED_RATE tokens a second, whichever
		// replica asks
		assertThat(asked).as("vendor calls in %.2f s", seconds)
			.isGreaterThanOrEqualTo(LIMITED_RATE)
			.isLessThanOrEqualTo(LIMITED_RATE + (int) Math.ceil(LIMITED_RATE * seconds));
		assertThat(asked).as("one replica's budget, not two").isLessThan(2 * LIMITED_RATE);
		assertThat(limited).isEqualTo(18 - asked);
	}

	@Test
	void aRedisThatHangsCostsALookupAtMostOneTimeout() throws Exception {
		meta.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson(permanent())));
		lookup(portA, "13057765408");
		List<Long> millis = new ArrayList<>();
		try {
			redis.pause();
			for (int i = 0; i < 6; i++) {
				long started = System.nanoTime();
				HttpResponse<String> response = lookup(portA, String.valueOf(13057765410L + i));
				millis.add((System.nanoTime() - started) / 1_000_000);
				assertThat(response.statusCode()).isEqualTo(200);
			}
		}
		finally {
			redis.resume();
		}
		// one command a second tries Redis again: the replicas are back within seconds
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> "UP".equals(health(portA)) && "UP".equals(health(portB)));
		// each a miss: read, claim, rate, write and release would each wait for the
		// replicas' Redis timeout (1 s here); the first finds Redis hung, the next fall
		// back
		// at once but for one a second that tries Redis again
		assertThat(millis.get(0)).as("ms to the first miss").isLessThan(2000);
		assertThat(millis.subList(1, 6).stream().filter((ms) -> ms >= 500)).as("slow misses after the first")
			.hasSizeLessThanOrEqualTo(1);
		assertThat(millis.subList(1, 6).stream().mapToLong(Long::longValue).sum()).as("ms to the next five misses")
			.isLessThan(2500);
	}

	@Test
	void anErrorReplyFromRedisDoesNotStopTheReplicaFromReadingIt() {
		stubAnswer(PATH, "13057765420", permanent());
		stubAnswer(PATH, "13057765421", permanent());
		lookup(portB, "13057765420");
		try {
			// Redis refuses writes (out of memory) but answers: replica A's next miss
			// fails
			// to claim and to share, and is still answered
			redisConfig("maxmemory", "1");
			assertThat(lookup(portA, "13057765421").statusCode()).isEqualTo(200);

			HttpResponse<String> shared = lookup(portA, "13057765420");

			assertThat(shared.headers().firstValue("Age")).as("read from Redis, not asked again").isPresent();
			assertThat(vendorCalls(PATH, "13057765420")).isEqualTo(1);
		}
		finally {
			redisConfig("maxmemory", "0");
		}
	}

	@Test
	void redisGoingAwayNeverFailsALookupAndSharingResumesWhenItIsBack(CapturedOutput output) throws Exception {
		meta.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson(permanent())));
		lookup(portA, "13057765405");
		lookup(portB, "13057765405");
		AtomicInteger next = new AtomicInteger();
		Queue<long[]> outcomes = new ConcurrentLinkedQueue<>();
		List<Future<?>> load = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			long until = System.nanoTime() + Duration.ofMillis(2000).toNanos();
			for (int client = 0; client < 4; client++) {
				load.add(clients.submit(() -> {
					while (System.nanoTime() - until < 0) {
						int i = next.incrementAndGet();
						String user = (i % 2 == 0) ? "13057765405" : String.valueOf(13057770000L + i);
						long started = System.nanoTime();
						HttpResponse<String> response = lookup((i % 4 < 2) ? portA : portB, user);
						outcomes.add(new long[] { response.statusCode(), System.nanoTime() - started,
								response.headers().firstValue("Age").isPresent() ? 1 : 0, i % 2 });
					}
					return null;
				}));
			}
			Thread.sleep(500);
			redis.kill();
			for (Future<?> client : load) {
				client.get();
			}
		}

		try {
			assertWithoutRedis(outcomes, output);
		}
		finally {
			redis.start();
		}
		long restarted = System.nanoTime();
		boolean shared = false;
		for (int i = 0; !shared && System.nanoTime() - restarted < Duration.ofSeconds(30).toNanos(); i++) {
			String user = String.valueOf(13057790000L + i);
			lookup(portA, user);
			shared = lookup(portB, user).headers().firstValue("Age").isPresent() && vendorCalls(PATH, user) == 1;
			Thread.sleep(200);
		}
		assertThat(shared).as("a miss on one replica is a hit on the other again within 30 s").isTrue();
		assertThat(health(portA)).isEqualTo("UP");
	}

	private static void assertWithoutRedis(Queue<long[]> outcomes, CapturedOutput output) {
		assertThat(outcomes).isNotEmpty().allSatisfy((outcome) -> {
			assertThat(outcome[0]).as("status").isEqualTo(200);
			assertThat(Duration.ofNanos(outcome[1])).as("no slower than the 2 s deadline")
				.isLessThan(Duration.ofSeconds(2));
		});
		assertThat(outcomes).filteredOn((outcome) -> outcome[3] == 0)
			.as("the answer both replicas had stays a local hit")
			.allSatisfy((outcome) -> assertThat(outcome[2]).isEqualTo(1));
		assertThat(health(portA)).isEqualTo("FALLBACK");
		assertThat(call(portA, "/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(call(portA, "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(call(portA, "/actuator/prometheus").body()).contains("call_permissions_store_fallbacks_total");
		assertThat(output.getAll().split("Redis does not answer", -1)).as("logged once per replica").hasSize(3);
		assertThat(output.getAll()).doesNotContain(redis.url());
	}

	private static ConfigurableApplicationContext replica() {
		SpringApplication application = new SpringApplication(CallPermissionsApplication.class);
		application.addInitializers((context) -> ((GenericApplicationContext) context).registerBean("handMovedClock",
				Clock.class, () -> CLOCK, (definition) -> definition.setPrimary(true)));
		return application.run("--server.port=0", "--spring.main.banner-mode=off",
				"--call-permissions.cache.store=redis", "--spring.data.redis.url=" + redis.url(),
				"--call-permissions.accounts.meta-main.provider=meta",
				"--call-permissions.accounts.meta-main.access-token=token",
				"--call-permissions.accounts.meta-main.base-url=" + meta.baseUrl(),
				"--call-permissions.accounts.meta-main.timeout=1s",
				// the outage test asks for many new users at once: this account's rate is
				// not what it tests
				"--call-permissions.accounts.meta-main.requests-per-second=100000",
				// on a busy test machine a Redis command can take longer than the 250 ms
				// default, and
				// a replica then rightly asks the vendor itself: these tests are about
				// coordination
				"--spring.data.redis.timeout=1s", "--call-permissions.accounts.meta-limited.provider=meta",
				"--call-permissions.accounts.meta-limited.access-token=token",
				"--call-permissions.accounts.meta-limited.base-url=" + meta.baseUrl(),
				"--call-permissions.accounts.meta-limited.requests-per-second=" + LIMITED_RATE,
				"--call-permissions.channels[0].business-number=+14155550100",
				"--call-permissions.channels[0].account=meta-main",
				"--call-permissions.channels[0].phone-number-id=106540352242922",
				"--call-permissions.channels[1].business-number=+14155550102",
				"--call-permissions.channels[1].account=meta-limited",
				"--call-permissions.channels[1].phone-number-id=106540352242924",
				"--call-permissions.security.api-keys.crm=key",
				"--call-permissions.webhooks.meta.verify-token=verify-me",
				"--call-permissions.webhooks.meta.app-secrets.main-app=" + SECRET);
	}

	private static HttpResponse<String> lookup(int port, String userNumber, String... headers) {
		return call(port, "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B" + userNumber, headers);
	}

	private static HttpResponse<String> lookupById(int port, String userId) {
		return call(port, "/call-permissions?businessNumber=%2B14155550100&userId=" + userId);
	}

	private static HttpResponse<String> call(int port, String pathAndQuery, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "X-API-Key";
		all[1] = "key";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return dev.callpermissions.HttpExchange.get(port, pathAndQuery, all);
	}

	private static HttpResponse<String> batchLookup(int port, String body) {
		return post(port, "/call-permissions/batch", body, "X-API-Key", "key", "Content-Type", "application/json");
	}

	private static void redisConfig(String parameter, String value) {
		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().configSet(parameter, value);
		}
	}

	/** How many times Redis ran each command so far ({@code INFO commandstats}). */
	private static Map<String, Long> commandCalls() {
		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			Map<String, Long> calls = new HashMap<>();
			Matcher stat = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)")
				.matcher(connection.sync().info("commandstats"));
			while (stat.find()) {
				calls.put(stat.group(1), Long.parseLong(stat.group(2)));
			}
			return calls;
		}
	}

	private static long calls(Map<String, Long> after, Map<String, Long> before, String command) {
		return after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
	}

	private static HttpResponse<String> awaitStatus(int port, String userNumber, String status)
			throws InterruptedException {
		return awaitStatus(() -> lookup(port, userNumber), status);
	}

	private static HttpResponse<String> awaitStatus(Supplier<HttpResponse<String>> lookup, String status)
			throws InterruptedException {
		long giveUpAt = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		HttpResponse<String> response = lookup.get();
		while (!status.equals(status(response)) && System.nanoTime() - giveUpAt < 0) {
			Thread.sleep(20);
			response = lookup.get();
		}
		return response;
	}

	private static String status(HttpResponse<String> response) {
		return json(response).at("/permission/status").asText();
	}

	private static String health(int port) {
		return json(call(port, "/actuator/health")).at("/components/redis/status").asText();
	}

	private static List<HttpResponse<String>> concurrently(int count, IntFunction<HttpResponse<String>> request)
			throws InterruptedException {
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			return clients
				.invokeAll(IntStream.range(0, count)
					.<Callable<HttpResponse<String>>>mapToObj((i) -> () -> request.apply(i))
					.toList())
				.stream()
				.map(Future::resultNow)
				.toList();
		}
	}

	private static HttpResponse<String> deliver(int port, String body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		return post(port, "/webhooks/meta", body, "Content-Type", "application/json", "X-Hub-Signature-256", signature);
	}

	/** Meta's {@code call_permission_reply}, as in Meta's webhook reference. */
	private static String acceptedBy(String userNumber) {
		return acceptedBy(userNumber, null);
	}

	/** The same, with the user's business-scoped id beside the number, if given. */
	private static String acceptedBy(String userNumber, String userId) {
		String fromUserId = (userId != null) ? "\"from_user_id\":\"" + userId + "\"," : "";
		return """
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
				 "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"14155550100",
				 "phone_number_id":"106540352242922"},"messages":[{"from":"%s",%s"id":"wamid.1","timestamp":"1767168000",
				 "type":"interactive","interactive":{"type":"call_permission_reply","call_permission_reply":{
				 "response":"accept","is_permanent":true,"response_source":"user_action"}}}]}}]}]}"""
			.formatted(userNumber, fromUserId);
	}

	/** One delivery with a {@code call_permission_reply} from each of these users. */
	private static String acceptedByAll(List<String> userNumbers) {
		String messages = userNumbers.stream().map((user) -> """
				{"from":"%s","id":"wamid.%s","timestamp":"1767168000","type":"interactive","interactive":{
				 "type":"call_permission_reply","call_permission_reply":{"response":"accept","is_permanent":true,
				 "response_source":"user_action"}}}""".formatted(user, user)).collect(Collectors.joining(","));
		return """
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
				 "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"14155550100",
				 "phone_number_id":"106540352242922"},"messages":[%s]}}]}]}""".formatted(messages);
	}

	private static void stubAnswer(String path, String userNumber, String body) {
		meta.stubFor(
				get(urlPathEqualTo(path)).withQueryParam("user_wa_id", equalTo(userNumber)).willReturn(okJson(body)));
	}

	private static int vendorCalls(String path, String userNumber) {
		return meta.findAll(getRequestedFor(urlPathEqualTo(path)).withQueryParam("user_wa_id", equalTo(userNumber)))
			.size();
	}

	private static String permanent() {
		return """
				{"permission":{"status":"permanent"},"actions":[
				 {"action_name":"start_call","can_perform_action":true,"limits":[]}]}""";
	}

	private static String notGranted() {
		return """
				{"permission":{"status":"no_permission"},"actions":[
				 {"action_name":"send_call_permission_request","can_perform_action":true,"limits":[]}]}""";
	}

}
