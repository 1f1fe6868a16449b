package dev.callpermissions.lookup;

import java.time.Duration;

import dev.callpermissions.system.InvalidConfigurationException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The answer cache ({@code call-permissions.cache}).
 *
 * @param ttl the longest an answer is reused; {@code 0s} turns the cache off
 * @param maxSize how many answers are kept at most
 * @param maxMemory how much heap the answers may take; a quarter of the heap when unset
 * @param clientRefreshShare the share of an account's {@code requests-per-second} that
 * one client may spend on lookups past the cache
 */
@Validated
@ConfigurationProperties("call-permissions.cache")
record CacheProperties(
		@DefaultValue("30s") @DurationMin(millis = 0, message = "must be 0s (off) or positive") Duration ttl,
		@DefaultValue("100000") @Positive(message = "must be positive") long maxSize, DataSize maxMemory,
		@DefaultValue("0.5") @DecimalMin(value = "0", inclusive = false, message = SHARE) @DecimalMax(value = "1",
				message = SHARE) double clientRefreshShare) {

	private static final String SHARE = "must be more than 0 and at most 1";

	/** The heap is known only at run time, so this one check is not a constraint. */
	CacheProperties {
		long heap = Runtime.getRuntime().maxMemory();
		if (maxMemory != null && (maxMemory.toBytes() <= 0 || maxMemory.toBytes() > heap / 2)) {
			throw new InvalidConfigurationException("call-permissions.cache.max-memory",
					"must be positive and at most half the heap (" + (heap / 2 / (1024 * 1024)) + "MB of -Xmx "
							+ (heap / (1024 * 1024)) + "MB): the answers would crowd out everything else");
		}
	}

	boolean enabled() {
		return !this.ttl.isZero();
	}

	/** The bytes of heap the answers may take. */
	long maxMemoryBytes() {
		return (this.maxMemory != null) ? this.maxMemory.toBytes() : Runtime.getRuntime().maxMemory() / 4;
	}

}
