package dev.callpermissions.lookup;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a batch fans out ({@code call-permissions.batch}).
 *
 * @param concurrencyPerAccount vendor calls in flight at once per account, within one
 * batch; with none, every batch would wait for its deadline
 * @param deadline the time a whole batch may take; lookups still open then answer
 * {@code PROVIDER_TIMEOUT}
 */
@Validated
@ConfigurationProperties("call-permissions.batch")
record BatchProperties(@DefaultValue("8") @Positive(message = "must be a positive number") int concurrencyPerAccount,
		@DefaultValue("10s") @DurationMin(millis = 1,
				message = "must be a positive duration, e.g. 10s") Duration deadline) {

}
