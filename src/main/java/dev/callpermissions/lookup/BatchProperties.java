package dev.callpermissions.lookup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a batch fans out ({@code call-permissions.batch}).
 *
 * @param concurrencyPerAccount vendor calls in flight at once per account, within one
 * batch
 * @param deadline the time a whole batch may take; lookups still open then answer
 * {@code PROVIDER_TIMEOUT}
 */
@ConfigurationProperties("call-permissions.batch")
record BatchProperties(@DefaultValue("8") int concurrencyPerAccount, @DefaultValue("10s") Duration deadline) {

}
