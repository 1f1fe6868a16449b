package dev.callpermissions.lookup.store;

import io.lettuce.core.RedisCommandTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.data.redis.RedisProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures make a replica stop asking Redis for a while, on a real Redis.
 */
class RedisStoreTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private RedisStore store;

	@AfterEach
	void close() throws Exception {
		if (this.store != null) {
			this.store.destroy();
		}
	}

	@Test
	void aRateAcquisitionThatRunsLateIsNoOutage() {
		RedisStore store = store();

		store.failed("rate", new io.github.bucket4j.TimeoutException("late", 300_000_000L, 250_000_000L));

		assertThat(store.skipsWhileDown("read")).isFalse();
		assertThat(this.meters.get("call.permissions.store.fallbacks").tag("operation", "rate").counter().count())
			.isEqualTo(1);
	}

	@Test
	void aCommandThatTimesOutIsAnOutage() {
		RedisStore store = store();

		store.failed("read", new RedisCommandTimeoutException("late"));

		assertThat(store.skipsWhileDown("read")).isTrue();
	}

	private RedisStore store() {
		RedisProperties properties = new RedisProperties();
		properties.setUrl(redis.url());
		this.store = new RedisStore(properties, this.meters);
		return this.store;
	}

}
