package dev.callpermissions.permission;

import java.time.Duration;

import dev.callpermissions.system.InvalidConfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The answer cache ({@code call-permissions.cache}).
 *
 * @param ttl the longest an answer is reused; {@code 0s} turns the cache off
 * @param maxSize how many answers are kept at most
 */
@ConfigurationProperties("call-permissions.cache")
record CacheProperties(@DefaultValue("30s") Duration ttl, @DefaultValue("100000") long maxSize) {

	CacheProperties {
		if (ttl.isNegative()) {
			throw new InvalidConfigurationException("call-permissions.cache.ttl", "must be 0s (off) or positive");
		}
		if (maxSize <= 0) {
			throw new InvalidConfigurationException("call-permissions.cache.max-size", "must be positive");
		}
	}

	boolean enabled() {
		return !this.ttl.isZero();
	}

}
