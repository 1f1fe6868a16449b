package dev.callpermissions.provider;

import dev.callpermissions.system.InvalidConfigurationException;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * The keys under one configured account ({@code call-permissions.accounts.<name>}) or
 * channel ({@code call-permissions.channels[i]}), from which a vendor binds the record of
 * its own settings, with Boot's relaxed binding and {@code @DefaultValue}s, and which it
 * names in its checks.
 */
public final class VendorSettings {

	private final Binder binder;

	private final String key;

	/**
	 * @param binder the configuration
	 * @param key the account's or channel's key, without a trailing dot
	 */
	public VendorSettings(Binder binder, String key) {
		this.binder = binder;
		this.key = key;
	}

	/**
	 * The vendor's settings record bound from these keys; made of its defaults when none
	 * is set.
	 */
	public <T> T bind(Class<T> type) {
		return this.binder.bindOrCreate(this.key, type);
	}

	/**
	 * Refuses a setting that is missing or blank.
	 * @param name the setting's key under this account or channel, e.g. {@code api-key}
	 * @throws InvalidConfigurationException naming the full key
	 */
	public void required(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidConfigurationException(this.key + "." + name, "is required");
		}
	}

	@Override
	public String toString() {
		return "VendorSettings[" + this.key + "]";
	}

}
