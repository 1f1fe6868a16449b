package dev.callpermissions.lookup.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionSource;
import dev.callpermissions.permission.PermissionStatus;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.data.redis.RedisProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas' shared answers on a real Redis, at the moment one evicts an answer the
 * other is about to share: the other has asked the vendor before the eviction and has not
 * yet heard of it (the announcement takes about a millisecond to arrive).
 */
class RedisAnswersTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

	private static final StoredAnswer NOT_GRANTED = new StoredAnswer(
			new Permission(PermissionStatus.NOT_GRANTED, null, null, "no_permission"), List.of(), false, 1_700_000_000);

	private static final StoredAnswer GRANTED = new StoredAnswer(
			new Permission(PermissionStatus.PERMANENT, null, PermissionSource.USER_ACTION, "permanent"), List.of(),
			true, 1_700_000_060);

	private final List<RedisStore> stores = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (RedisStore store : this.stores) {
			store.destroy();
		}
	}

	@Test
	void anAnswerAskedForBeforeAnEvictionIsNotSharedByAReplicaThatHasNotHeardOfIt() {
		RedisAnswers evicting = replica(Duration.ofSeconds(7));
		RedisAnswers late = replica(Duration.ofSeconds(7));
		SharedAnswers.Key key = key("+13057765601");
		String answerKey = RedisAnswers.answerKey(key);
		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			SharedAnswers.Found beforeAsking = late.read(key);

			evicting.evict(List.of(key));
			boolean shared = late.write(key, NOT_GRANTED, ONE_MINUTE, beforeAsking);

			assertThat(connection.sync().pttl(answerKey)).as("ms the mark stays").isBetween(6_000L, 7_000L);
			assertThat(connection.sync().get(answerKey)).startsWith("evicted:");
			assertThat(shared).isFalse();
			assertThat(evicting.read(key).answer()).isNull();
			assertThat(late.readAll(List.of(key))).containsExactly((StoredAnswer) null);
		}
	}

	@Test
	void anAnswerAskedForAfterAnEvictionIsSharedAtOnce() {
		RedisAnswers evicting = replica(Duration.ofSeconds(7));
		RedisAnswers other = replica(Duration.ofSeconds(7));
		SharedAnswers.Key key = key("+13057765602");
		evicting.write(key, NOT_GRANTED, ONE_MINUTE, other.read(key));
		evicting.evict(List.of(key));

		SharedAnswers.Found beforeAsking = other.read(key);
		boolean shared = other.write(key, GRANTED, ONE_MINUTE, beforeAsking);

		assertThat(beforeAsking).isEqualTo(new SharedAnswers.Found(null, beforeAsking.eviction()));
		assertThat(shared).isTrue();
		assertThat(evicting.read(key).answer()).isEqualTo(GRANTED);
	}

	@Test
	void aSecondEvictionStopsAnAnswerAskedForBetweenTheTwo() {
		RedisAnswers evicting = replica(Duration.ofSeconds(7));
		RedisAnswers late = replica(Duration.ofSeconds(7));
		SharedAnswers.Key key = key("+13057765603");
		evicting.evict(List.of(key));
		SharedAnswers.Found beforeAsking = late.read(key);

		evicting.evict(List.of(key));
		boolean shared = late.write(key, NOT_GRANTED, ONE_MINUTE, beforeAsking);

		assertThat(shared).isFalse();
		assertThat(evicting.read(key).answer()).isNull();
	}

	@Test
	void anAnswerNotReadFirstIsSharedOnceNoLookupAskedBeforeTheEvictionCanStillBeRunning() {
		Duration longestLookup = Duration.ofMillis(300);
		RedisAnswers evicting = replica(longestLookup);
		RedisAnswers refreshing = replica(longestLookup);
		SharedAnswers.Key key = key("+13057765604");
		long evicted = System.nanoTime();
		evicting.evict(List.of(key));

		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> refreshing.write(key, GRANTED, ONE_MINUTE, null));

		assertThat(Duration.ofNanos(System.nanoTime() - evicted)).isGreaterThanOrEqualTo(longestLookup);
		assertThat(evicting.read(key).answer()).isEqualTo(GRANTED);
	}

	@Test
	void aReplicaWaitingForAnotherOnesVendorCallKeepsWaitingPastAnEvictionMark() throws Exception {
		RedisAnswers asking = replica(Duration.ofSeconds(7));
		RedisAnswers waiting = replica(Duration.ofSeconds(7));
		SharedAnswers.Key key = key("+13057765605");
		asking.evict(List.of(key));
		SharedAnswers.Found beforeAsking = asking.read(key);
		assertThat(asking.claim(key)).isTrue();

		Thread answering = Thread.ofVirtual().start(() -> {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			asking.write(key, GRANTED, ONE_MINUTE, beforeAsking);
		});
		StoredAnswer answered = waiting.awaitClaimed(key);
		answering.join();

		assertThat(answered).isEqualTo(GRANTED);
	}

	@Test
	void anEvictionOnARedisOutOfMemoryStillReplacesTheAnswer() {
		RedisAnswers evicting = replica(Duration.ofSeconds(7));
		SharedAnswers.Key key = key("+13057765607");
		assertThat(evicting.write(key, NOT_GRANTED, ONE_MINUTE, evicting.read(key))).isTrue();
		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().configSet("maxmemory-policy", "noeviction");
			connection.sync().configSet("maxmemory", "1");
			try {
				evicting.evict(List.of(key));

				assertThat(connection.sync().get(RedisAnswers.answerKey(key))).startsWith("evicted:");
			}
			finally {
				connection.sync().configSet("maxmemory", "0");
			}
		}
	}

	@Test
	void anAnswerNobodyEvictedIsShared() {
		RedisAnswers one = replica(Duration.ofSeconds(7));
		RedisAnswers other = replica(Duration.ofSeconds(7));
		SharedAnswers.Key key = key("+13057765606");

		boolean shared = one.write(key, GRANTED, ONE_MINUTE, one.read(key));

		assertThat(shared).isTrue();
		assertThat(other.read(key)).isEqualTo(new SharedAnswers.Found(GRANTED, null));
	}

	@Test
	void anAnswerStoredWithoutAPartThisReleaseNeedsIsAMiss() {
		RedisAnswers replica = replica(Duration.ofSeconds(7));
		List<SharedAnswers.Key> keys = List.of(key("+13057765631"), key("+13057765632"), key("+13057765633"),
				key("+13057765634"), key("+13057765635"), key("+13057765636"));
		String permanent = "\"permission\":{\"status\":\"permanent\"}";
		List<String> values = List.of("{" + permanent + ",\"retrievedAtSecond\":1700000000}",
				"{\"actions\":[],\"retrievedAtSecond\":1700000000}",
				"{\"permission\":{},\"actions\":[],\"retrievedAtSecond\":1700000000}",
				"{" + permanent + ",\"actions\":[null],\"retrievedAtSecond\":1700000000}",
				"{" + permanent + ",\"actions\":[{\"allowed\":true}],\"retrievedAtSecond\":1700000000}",
				"{" + permanent + ",\"actions\":[],\"retrievedAtSecond\":1700000000}");
		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			for (int i = 0; i < keys.size(); i++) {
				connection.sync().setex(RedisAnswers.answerKey(keys.get(i)), 60, values.get(i));
			}
		}

		assertThat(replica.readAll(keys)).containsExactly(null, null, null, null, null, new StoredAnswer(
				new Permission(PermissionStatus.PERMANENT, null, null, null), List.of(), null, 1_700_000_000));
		assertThat(replica.read(keys.get(0)).answer()).isNull();
	}

	@Test
	void writesSendTheScriptByItsDigestAndItsTextOnlyWhenRedisHasLostIt() {
		RedisAnswers replica = replica(Duration.ofSeconds(7));
		List<SharedAnswers.Key> keys = List.of(key("+13057765611"), key("+13057765612"), key("+13057765613"));
		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().scriptFlush();
			long evals = calls(connection, "eval");
			long evalshas = calls(connection, "evalsha");

			keys.forEach((key) -> replica.write(key, GRANTED, ONE_MINUTE, replica.read(key)));

			assertThat(calls(connection, "evalsha") - evalshas).as("writes by digest").isEqualTo(3);
			assertThat(calls(connection, "eval") - evals).as("the text, once Redis had none").isEqualTo(1);
			assertThat(replica.readAll(keys)).containsExactly(GRANTED, GRANTED, GRANTED);
		}
	}

	@Test
	void aRedisUserAllowedEvalButNotEvalshaStillHasItsAnswersShared() {
		try (RedisClient client = RedisClient.create(redis.url());
				StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync()
				.aclSetuser("eval-only",
						AclSetuserArgs.Builder.on()
							.addPassword("eval-only-password")
							.allKeys()
							.allChannels()
							.allCommands()
							.removeCommand(CommandType.EVALSHA));
			try {
				RedisAnswers replica = replica(Duration.ofSeconds(7),
						redis.url().replace("redis://", "redis://eval-only:eval-only-password@"));
				SharedAnswers.Key first = key("+13057765621");
				SharedAnswers.Key second = key("+13057765622");

				boolean firstShared = replica.write(first, GRANTED, ONE_MINUTE, replica.read(first));
				boolean secondShared = replica.write(second, NOT_GRANTED, ONE_MINUTE, replica.read(second));

				assertThat(firstShared).isTrue();
				assertThat(secondShared).isTrue();
				assertThat(replica.readAll(List.of(first, second))).containsExactly(GRANTED, NOT_GRANTED);
			}
			finally {
				connection.sync().aclDeluser("eval-only");
			}
		}
	}

	private static long calls(StatefulRedisConnection<String, String> connection, String command) {
		return connection.sync()
			.info("commandstats")
			.lines()
			.filter((line) -> line.startsWith("cmdstat_" + command + ":"))
			.map((line) -> Long.parseLong(line.replaceFirst("^[^:]*:calls=(\\d+),.*$", "$1")))
			.findFirst()
			.orElse(0L);
	}

	private RedisAnswers replica(Duration longestLookup) {
		return replica(longestLookup, redis.url());
	}

	private RedisAnswers replica(Duration longestLookup, String url) {
		RedisProperties properties = new RedisProperties();
		properties.setUrl(url);
		RedisStore store = new RedisStore(properties, new SimpleMeterRegistry());
		this.stores.add(store);
		return new RedisAnswers(store, longestLookup, ONE_MINUTE);
	}

	private static SharedAnswers.Key key(String user) {
		return new SharedAnswers.Key("meta-main", "+14155550100", user);
	}

}
