package dev.callpermissions.lookup.store;

import java.time.Duration;
import java.util.function.Function;

import dev.callpermissions.provider.Account;
import dev.callpermissions.provider.ProviderProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code call-permissions.cache.store: redis}: the Redis client, built from Spring Boot's
 * {@code spring.data.redis.*} keys, and what the answer cache and the providers' rate
 * limiters share through it. With {@code local} (the default) each of these beans is
 * null, so none of it exists for the beans that ask, and no connection is ever attempted.
 * <p>
 * The choice is made when the beans are created, not by a condition: the image runs the
 * context as Spring's build-time (AOT) processing prepared it, which fixes every
 * condition at build time, and the store is chosen where the service runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisProperties.class)
class RedisStoreConfiguration {

	/**
	 * A lookup's deadline is twice its account's {@code timeout} (retries included); a
	 * claim outlives the longest by a second.
	 */
	private static final int DEADLINE_TIMEOUTS = 2;

	@Bean
	RedisStore redisStore(StoreProperties store, RedisProperties properties, MeterRegistry meterRegistry) {
		return (store.store() == StoreProperties.Store.REDIS) ? new RedisStore(properties, meterRegistry) : null;
	}

	@Bean
	RedisAnswers redisAnswers(ObjectProvider<RedisStore> redis, ProviderProperties providers,
			@Value("${call-permissions.cache.ttl:30s}") Duration ttl) {
		Duration longestDeadline = providers.accounts()
			.values()
			.stream()
			.map(Account::timeout)
			.max(Duration::compareTo)
			.orElse(Duration.ofSeconds(3))
			.multipliedBy(DEADLINE_TIMEOUTS);
		return withStore(redis, (store) -> new RedisAnswers(store, longestDeadline.plusSeconds(1), ttl));
	}

	@Bean
	RedisSpellings redisSpellings(ObjectProvider<RedisStore> redis) {
		return withStore(redis, (store) -> new RedisSpellings(store, SharedSpellings.REMEMBERED_FOR));
	}

	@Bean
	RedisRateLimit redisRateLimit(ObjectProvider<RedisStore> redis) {
		return withStore(redis, RedisRateLimit::new);
	}

	@Bean
	RedisStoreHealthIndicator redisHealthIndicator(ObjectProvider<RedisStore> redis) {
		return withStore(redis, RedisStoreHealthIndicator::new);
	}

	/** The bean made from the Redis client, or null (no such bean) with {@code local}. */
	private static <T> T withStore(ObjectProvider<RedisStore> redis, Function<RedisStore, T> bean) {
		RedisStore store = redis.getIfAvailable();
		return (store != null) ? bean.apply(store) : null;
	}

}
