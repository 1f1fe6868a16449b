package dev.callpermissions.system;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the service ({@code call-permissions.security}).
 *
 * @param enabled whether {@code X-API-Key} is required; off only by explicit choice
 * @param apiKeys client name to key
 */
@Validated
@ConfigurationProperties("call-permissions.security")
record SecurityProperties(@DefaultValue("true") boolean enabled,
		Map<String, @NotBlank(message = "is empty") String> apiKeys) {

	private static final String KEY = "call-permissions.security.api-keys";

	/** Whether keys are needed depends on enabled: a check across two settings. */
	SecurityProperties {
		apiKeys = (apiKeys != null) ? Map.copyOf(apiKeys) : Map.of();
		if (enabled && apiKeys.isEmpty()) {
			throw new InvalidConfigurationException(KEY, "security is enabled but no API key is configured; "
					+ "add one (client name: key) or set call-permissions.security.enabled=false");
		}
	}

	@Override
	public String toString() {
		return "SecurityProperties[enabled=" + this.enabled + ", apiKeys=" + this.apiKeys.keySet() + " (keys hidden)]";
	}

}
