package dev.callpermissions.lookup.store;

import java.time.Duration;

import dev.callpermissions.provider.Account;
import dev.callpermissions.provider.ProviderProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code call-permissions.cache.store: redis}: the Redis client, built from Spring Boot's
 * {@code spring.data.redis.*} keys, and what the answer cache and the providers' rate
 * limiters share through it. With {@code local} (the default) none of it exists and no
 * connection is ever attempted.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "call-permissions.cache.store", havingValue = "redis")
@EnableConfigurationProperties(RedisProperties.class)
class RedisStoreConfiguration {

	/**
	 * A lookup's deadline is twice its account's {@code timeout} (retries included); a
	 * claim outlives the longest by a second.
	 */
	private static final int DEADLINE_TIMEOUTS = 2;

	@Bean
	RedisStore redisStore(RedisProperties properties, MeterRegistry meterRegistry) {
		return new RedisStore(properties, meterRegistry);
	}

	@Bean
	RedisAnswers redisAnswers(RedisStore store, ProviderProperties providers,
			@Value("${call-permissions.cache.ttl:30s}") Duration ttl) {
		Duration longestDeadline = providers.accounts()
			.values()
			.stream()
			.map(Account::timeout)
			.max(Duration::compareTo)
			.orElse(Duration.ofSeconds(3))
			.multipliedBy(DEADLINE_TIMEOUTS);
		return new RedisAnswers(store, longestDeadline.plusSeconds(1), ttl);
	}

	@Bean
	RedisSpellings redisSpellings(RedisStore store) {
		return new RedisSpellings(store, SharedSpellings.REMEMBERED_FOR);
	}

	@Bean
	RedisRateLimit redisRateLimit(RedisStore store) {
		return new RedisRateLimit(store);
	}

	@Bean
	RedisStoreHealthIndicator redisHealthIndicator(RedisStore store) {
		return new RedisStoreHealthIndicator(store);
	}

}
