package dev.callpermissions.lookup.store;

import java.time.Duration;

import dev.callpermissions.provider.SharedRateLimit;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

/**
 * Each account's {@code requests-per-second} as one Bucket4j token bucket in Redis, under
 * {@code call-permissions:v1:rate:<account>:<requests-per-second>} (a changed rate starts
 * a new bucket), shared by every replica.
 */
final class RedisRateLimit implements SharedRateLimit {

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	private final RedisStore store;

	private volatile ProxyManager<String> buckets;

	RedisRateLimit(RedisStore store) {
		this.store = store;
	}

	@Override
	public Permit tryAcquire(String account, int requestsPerSecond) {
		if (this.store.skipsWhileDown("rate")) {
			return Permit.UNAVAILABLE;
		}
		long started = System.nanoTime();
		try {
			BucketConfiguration configuration = BucketConfiguration.builder()
				.addLimit((limit) -> limit.capacity(requestsPerSecond).refillGreedy(requestsPerSecond, ONE_SECOND))
				.build();
			boolean granted = buckets().builder()
				.build(RedisStore.PREFIX + "rate:" + account + ":" + requestsPerSecond, () -> configuration)
				.tryConsume(1);
			this.store.up(started);
			return granted ? Permit.GRANTED : Permit.REFUSED;
		}
		catch (RuntimeException ex) {
			this.store.failed("rate", ex);
			return Permit.UNAVAILABLE;
		}
	}

	private ProxyManager<String> buckets() {
		ProxyManager<String> present = this.buckets;
		if (present == null) {
			present = Bucket4jLettuce.casBasedBuilder(this.store.binary())
				.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(ONE_SECOND))
				.requestTimeout(this.store.timeout())
				.build();
			this.buckets = present;
		}
		return present;
	}

}
