package dev.callpermissions.provider.meta;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A Graph API account's own keys under {@code call-permissions.accounts.<name>}.
 *
 * @param apiVersion the Graph API version
 * @param accessToken the Bearer token
 */
record GraphAccountSettings(@DefaultValue("v23.0") String apiVersion, String accessToken) {

	@Override
	public String toString() {
		return "GraphAccountSettings[apiVersion=" + this.apiVersion + ", accessToken="
				+ ((this.accessToken != null) ? "******" : "null") + "]";
	}

}
