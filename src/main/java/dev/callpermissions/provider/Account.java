package dev.callpermissions.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys every vendor account has, as configured under
 * {@code call-permissions.accounts.<name>}; checked by {@link ProviderProperties}. The
 * account's other keys (its credentials) are the vendor's own: its {@link Vendor} binds
 * and checks them from the same key, through {@link VendorSettings}. Simple limits are
 * constraints; what needs more than one key is checked by {@link ProviderProperties}.
 *
 * @param provider the provider id of one of the vendors present
 * @param region the vendor's regional host, for a vendor with regions
 * @param baseUrl overrides the vendor's host
 * @param timeout one vendor call's time limit
 * @param requestsPerSecond the service's own limit towards the vendor
 */
public record Account(String provider, String region, URI baseUrl,
		@NotNull(message = "must be a positive duration, e.g. 3s") @DurationMin(nanos = 1,
				message = "must be a positive duration, e.g. 3s") @DefaultValue("3s") Duration timeout,
		@Positive(message = "must be a positive number") @DefaultValue("100") int requestsPerSecond) {

	/**
	 * The provider id in the form vendors are found by (ids are matched regardless of
	 * case).
	 */
	public String providerId() {
		return (this.provider != null) ? this.provider.toLowerCase(Locale.ROOT) : null;
	}

}
