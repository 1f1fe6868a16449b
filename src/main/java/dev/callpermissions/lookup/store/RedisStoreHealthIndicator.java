package dev.callpermissions.lookup.store;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code redis} component of {@code /actuator/health}: {@code UP} when Redis answers
 * a {@code PING}, else {@code FALLBACK}, a status the aggregate ignores, so neither
 * {@code /actuator/health} nor readiness fails because of Redis: every replica answers
 * without it. Never shows where Redis is or how to log in.
 */
final class RedisStoreHealthIndicator extends AbstractHealthIndicator {

	static final Status FALLBACK = new Status("FALLBACK",
			"Redis does not answer: this replica answers from its own cache and limiter");

	private final RedisStore store;

	RedisStoreHealthIndicator(RedisStore store) {
		super("Redis health check failed");
		this.store = store;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String pong = this.store.call("ping", (redis) -> redis.ping(), null);
		if ("PONG".equals(pong)) {
			builder.up();
		}
		else {
			builder.status(FALLBACK);
		}
	}

}
