package dev.callpermissions.lookup;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.ActionLimit;
import dev.callpermissions.lookup.CallPermissionCache.Entry;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionStatus;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.provider.ProviderAnswer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a cached answer costs in heap, measured: the weigher's estimate must not fall
 * short of it, or the cache outgrows its share of the heap, nor be far above it, or the
 * cache holds fewer answers than it could.
 */
class CacheMemoryTests {

	private static final int ANSWERS = 20_000;

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void answersWithoutATimeShareTheirPermissionAndActionsAndTakeAtMost256BytesEach() {
		assertThat(measuredBytesPerAnswer(CacheMemoryTests::benchmarkAnswer)).isLessThanOrEqualTo(256);
	}

	@Test
	void anAnswerWithAnExpiryAndAResetKeepsItsOwnAndTakesNoMoreThanItsWeight() {
		assertThat(measuredBytesPerAnswer(CacheMemoryTests::temporaryAnswerWithExhaustedLimit)).isGreaterThan(512);
	}

	@Test
	void answersWhoseUsageDiffersBringTheirOwnActionsAndTakeNoMoreThanTheirWeight() {
		AtomicInteger calls = new AtomicInteger();
		// a usage count per answer: no two share their actions
		assertThat(measuredBytesPerAnswer(() -> answerWithUsage(calls.getAndIncrement()))).isGreaterThan(400);
	}

	/** Fills caches, measures the last, and holds the measure against the weight. */
	private static long measuredBytesPerAnswer(Supplier<ProviderAnswer> answer) {
		// the first round in a JVM also pays for what is allocated once: only the second
		// measures the answers alone
		fill(answer);
		long perAnswer = fill(answer);
		CallPermissionCache.Key key = CallPermissionCache.key("meta-main", "+14155550100",
				PhoneNumber.parse("+13052000000"));
		int weight = CallPermissionCache.weight(key, Entry.of(answer.get(), NOW));

		assertThat(perAnswer).as("measured bytes per answer (weight %d)", weight)
			.isLessThanOrEqualTo(weight)
			.isGreaterThan(weight * 8L / 10);
		return perAnswer;
	}

	private static long fill(Supplier<ProviderAnswer> answer) {
		CallPermissionCache cache = new CallPermissionCache(
				new CacheProperties(Duration.ofHours(1), 1_000_000, null, 0.5), Clock.fixed(NOW, ZoneOffset.UTC),
				new SimpleMeterRegistry());
		PhoneNumber[] users = new PhoneNumber[ANSWERS];
		for (int user = 0; user < ANSWERS; user++) {
			users[user] = PhoneNumber.parse("+1305" + (2_000_000 + user));
		}
		long before = usedHeapAfterCollection();
		for (PhoneNumber user : users) {
			// fresh strings, as parsed from each request (new String(String) would share
			// the characters)
			cache.get(CallPermissionCache.key("meta-main", new String("+14155550100"),
					new PhoneNumber(String.valueOf(user.value().toCharArray()))), answer, false);
		}
		long perAnswer = (usedHeapAfterCollection() - before) / ANSWERS;
		assertThat(cache.cachedAll(List.of(CallPermissionCache.key("meta-main", "+14155550100", users[0]))).get(0))
			.isNotNull();
		return perAnswer;
	}

	/** The benchmark's Meta answer: permanent, two actions with three limits, a body. */
	private static ProviderAnswer benchmarkAnswer() {
		return answerWithStartCalls(100, 3);
	}

	/** The benchmark's answer with another usage count on start_call. */
	private static ProviderAnswer answerWithUsage(int usage) {
		return answerWithStartCalls(Integer.MAX_VALUE, usage);
	}

	private static ProviderAnswer answerWithStartCalls(int maxAllowed, int currentUsage) {
		return new ProviderAnswer(
				new Permission(PermissionStatus.PERMANENT, null, null, new String("permanent")), List.of(
						new Action(new String("send_call_permission_request"), false,
								List.of(new ActionLimit(new String("PT24H"), 1, 1, null),
										new ActionLimit(new String("P7D"), 2, 1, null))),
						new Action(new String("start_call"), true,
								List.of(new ActionLimit(new String("PT24H"), maxAllowed, currentUsage, null)))),
				new byte[600]);
	}

	/** Temporary, with an exhausted limit that resets. */
	private static ProviderAnswer temporaryAnswerWithExhaustedLimit() {
		return new ProviderAnswer(
				new Permission(PermissionStatus.TEMPORARY, NOW.plusSeconds(86_400), null, new String("temporary")),
				List.of(new Action(new String("send_call_permission_request"), true,
						List.of(new ActionLimit(new String("PT24H"), 1, 0, null),
								new ActionLimit(new String("P7D"), 2, 1, null))),
						new Action(new String("start_call"), false,
								List.of(new ActionLimit(new String("PT24H"), 5, 5, NOW.plusSeconds(3_600))))),
				new byte[657]);
	}

	private static long usedHeapAfterCollection() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
