package dev.callpermissions.lookup.store;

import dev.callpermissions.provider.ProviderProperties;
import dev.callpermissions.provider.SharedRateLimit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code call-permissions.cache.store} is read when the beans are created, not by a
 * condition, so it still chooses the store in a context that Spring's AOT processing
 * prepared at build time.
 */
class StoreChoiceTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(StoreSettings.class, RedisStoreConfiguration.class)
		.withBean(ProviderProperties.class, () -> new ProviderProperties(null, null))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		// Boot's conversions for the cache's ttl, as in the application
		.withInitializer((context) -> context.getBeanFactory()
			.setConversionService(ApplicationConversionService.getSharedInstance()));

	@Test
	void theLocalStoreLeavesNoSharedStoreNoRedisClientAndNoRedisHealth() {
		this.context.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanProvider(RedisStore.class).getIfAvailable()).isNull();
			assertThat(context.getBeanProvider(SharedAnswers.class).getIfAvailable()).isNull();
			assertThat(context.getBeanProvider(SharedSpellings.class).getIfAvailable()).isNull();
			assertThat(context.getBeanProvider(SharedRateLimit.class).getIfAvailable()).isNull();
			assertThat(context.getBeansOfType(HealthIndicator.class)).isEmpty();
		});
	}

	@Test
	void theRedisStoreSharesAnswersSpellingsAndRatesAndReportsItsHealth() {
		this.context.withPropertyValues("call-permissions.cache.store=redis", "spring.data.redis.url=" + redis.url())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanProvider(SharedAnswers.class).getIfAvailable())
					.isInstanceOf(RedisAnswers.class);
				assertThat(context.getBeanProvider(SharedSpellings.class).getIfAvailable())
					.isInstanceOf(RedisSpellings.class);
				assertThat(context.getBeanProvider(SharedRateLimit.class).getIfAvailable())
					.isInstanceOf(RedisRateLimit.class);
				assertThat(context.getBeansOfType(HealthIndicator.class)).containsOnlyKeys("redisHealthIndicator");
			});
	}

	@Test
	void anUnknownStoreStopsTheStart() {
		this.context.withPropertyValues("call-permissions.cache.store=memcached")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StoreProperties.class)
	static class StoreSettings {

	}

}
