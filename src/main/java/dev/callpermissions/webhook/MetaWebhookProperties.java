package dev.callpermissions.webhook;

import java.util.Map;

import dev.callpermissions.system.InvalidConfigurationException;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Meta's webhooks ({@code call-permissions.webhooks.meta}): both keys or neither; with
 * neither, the webhook paths answer 404.
 *
 * @param verifyToken the token Meta's subscription handshake must echo
 * @param appSecrets app name to app secret, the keys deliveries are signed with
 */
@Validated
@ConfigurationProperties("call-permissions.webhooks.meta")
record MetaWebhookProperties(String verifyToken, Map<String, @NotBlank(message = "is empty") String> appSecrets) {

	private static final String PREFIX = "call-permissions.webhooks.meta.";

	/** Both keys or neither: a check across two settings. */
	MetaWebhookProperties {
		appSecrets = (appSecrets != null) ? Map.copyOf(appSecrets) : Map.of();
		boolean hasToken = verifyToken != null && !verifyToken.isBlank();
		if (!appSecrets.isEmpty() && !hasToken) {
			throw new InvalidConfigurationException(PREFIX + "verify-token",
					"is required when app-secrets are configured (Meta's subscription handshake checks it)");
		}
		if (hasToken && appSecrets.isEmpty()) {
			throw new InvalidConfigurationException(PREFIX + "app-secrets",
					"needs at least one app secret when verify-token is set (deliveries are checked against them)");
		}
	}

	boolean enabled() {
		return !this.appSecrets.isEmpty();
	}

	@Override
	public String toString() {
		return "MetaWebhookProperties[verifyToken=" + ((this.verifyToken != null) ? "******" : "null") + ", appSecrets="
				+ this.appSecrets.keySet() + " (secrets hidden)]";
	}

}
