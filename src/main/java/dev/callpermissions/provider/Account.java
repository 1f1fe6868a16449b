package dev.callpermissions.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys every vendor account has, as configured under
 * {@code call-permissions.accounts.<name>}; checked by {@link ProviderProperties}. The
 * account's other keys (its credentials) are the vendor's own: its {@link Vendor} binds
 * and checks them from the same key, through {@link VendorSettings}.
 *
 * @param provider the provider id of one of the vendors present
 * @param region the vendor's regional host, for a vendor with regions
 * @param baseUrl overrides the vendor's host
 * @param timeout one vendor call's time limit
 * @param requestsPerSecond the service's own limit towards the vendor
 */
public record Account(String provider, String region, URI baseUrl, @DefaultValue("3s") Duration timeout,
		@DefaultValue("100") int requestsPerSecond) {

	/**
	 * The provider id in the form vendors are found by (ids are matched regardless of
	 * case).
	 */
	public String providerId() {
		return (this.provider != null) ? this.provider.toLowerCase(Locale.ROOT) : null;
	}

}
