package dev.callpermissions.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One vendor account, as configured under {@code call-permissions.accounts.<name>}. The
 * common keys are checked by {@link ProviderProperties}, the keys a vendor needs by its
 * {@link Vendor}.
 *
 * @param provider the provider id: {@code meta}, {@code chakra}, {@code 8x8} or
 * {@code kaleyra}
 * @param apiVersion the Graph API version (meta, chakra)
 * @param accessToken the Bearer token (meta, chakra)
 * @param apiKey the API key (8x8, kaleyra)
 * @param subAccountId the sub-account id (8x8)
 * @param sid the account SID (kaleyra)
 * @param region the regional host (8x8: asia, eu, us, id; kaleyra: in, sg, eu, na)
 * @param baseUrl overrides the provider's default host
 * @param timeout one vendor call's time limit
 * @param requestsPerSecond the service's own limit towards the vendor
 */
public record Account(String provider, @DefaultValue("v23.0") String apiVersion, String accessToken, String apiKey,
		String subAccountId, String sid, String region, URI baseUrl, @DefaultValue("3s") Duration timeout,
		@DefaultValue("100") int requestsPerSecond) {

	/**
	 * The provider id in the form vendors are found by (ids are matched regardless of
	 * case).
	 */
	public String providerId() {
		return (this.provider != null) ? this.provider.toLowerCase(Locale.ROOT) : null;
	}

	@Override
	public String toString() {
		return "Account[provider=" + this.provider + ", apiVersion=" + this.apiVersion + ", accessToken="
				+ hidden(this.accessToken) + ", apiKey=" + hidden(this.apiKey) + ", subAccountId=" + this.subAccountId
				+ ", sid=" + this.sid + ", region=" + this.region + ", baseUrl=" + this.baseUrl + ", timeout="
				+ this.timeout + ", requestsPerSecond=" + this.requestsPerSecond + "]";
	}

	private static String hidden(String secret) {
		return (secret != null) ? "******" : "null";
	}

}
