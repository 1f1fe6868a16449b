package dev.callpermissions.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionSource;
import dev.callpermissions.permission.PermissionStatus;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.provider.ProviderAnswer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache's size bound, and what its meters report about it.
 */
class CacheBoundTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CallPermissionCache cache = new CallPermissionCache(
			new CacheProperties(Duration.ofSeconds(30), 5, null, 0.5),
			Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), this.meters);

	private final AtomicInteger vendorCalls = new AtomicInteger();

	@Test
	void holdsNoMoreAnswersThanItsMaximumSize() {
		for (int user = 0; user < 50; user++) {
			lookup(user);
		}

		assertThat(this.vendorCalls).hasValue(50);
		assertThat(this.meters.get("cache.size").tag("cache", "call-permissions").gauge().value())
			.isLessThanOrEqualTo(5);
		assertThat(this.meters.get("cache.evictions").tag("cache", "call-permissions").functionCounter().count())
			.isGreaterThanOrEqualTo(45);
	}

	@Test
	void countsHitsAndMisses() {
		lookup(1);
		lookup(1);
		lookup(1);

		assertThat(this.vendorCalls).hasValue(1);
		assertThat(this.meters.get("cache.gets")
			.tags("cache", "call-permissions", "result", "hit")
			.functionCounter()
			.count()).isEqualTo(2);
	}

	private void lookup(int user) {
		this.cache.get(
				CallPermissionCache.key("meta-main", "+14155550100", PhoneNumber.parse("+1305776" + (4000 + user))),
				() -> {
					this.vendorCalls.incrementAndGet();
					return new ProviderAnswer(
							new Permission(PermissionStatus.PERMANENT, null, PermissionSource.USER_ACTION, "permanent"),
							List.of(), new byte[0]);
				}, false);
	}

}
