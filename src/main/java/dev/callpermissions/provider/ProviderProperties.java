package dev.callpermissions.provider;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.callpermissions.phone.InvalidPhoneNumberException;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.system.InvalidConfigurationException;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The vendor accounts and the business numbers on them ({@code call-permissions.accounts}
 * and {@code call-permissions.channels}). Whatever cannot work for any vendor stops
 * start-up here, with the offending key named; {@link Vendors} checks each vendor's own
 * keys.
 *
 * @param accounts account name to account
 * @param channels business number to account
 */
@ConfigurationProperties("call-permissions")
@Validated
public record ProviderProperties(Map<String, @Valid Account> accounts, List<Channel> channels) {

	private static final String PREFIX = "call-permissions.";

	public ProviderProperties {
		accounts = (accounts != null) ? Map.copyOf(accounts) : Map.of();
		channels = (channels != null) ? List.copyOf(channels) : List.of();
		accounts.forEach(ProviderProperties::checkAccount);
		checkChannels(accounts, channels);
	}

	private static void checkAccount(String name, Account account) {
		String key = PREFIX + "accounts." + name + ".";
		if (account.baseUrl() != null
				&& (account.baseUrl().getScheme() == null || account.baseUrl().getHost() == null)) {
			throw new InvalidConfigurationException(key + "base-url", "must be an absolute http(s) URL");
		}
	}

	private static void checkChannels(Map<String, Account> accounts, List<Channel> channels) {
		Set<String> businessNumbers = new HashSet<>();
		for (int i = 0; i < channels.size(); i++) {
			Channel channel = channels.get(i);
			String key = PREFIX + "channels[" + i + "].";
			required(key + "business-number", channel.businessNumber());
			String businessNumber = parse(key + "business-number", channel.businessNumber());
			if (!businessNumbers.add(businessNumber)) {
				throw new InvalidConfigurationException(key + "business-number",
						businessNumber + " is configured on more than one channel");
			}
			required(key + "account", channel.account());
			Account account = accounts.get(channel.account());
			if (account == null) {
				throw new InvalidConfigurationException(key + "account", "no account named " + quoted(channel.account())
						+ " is configured under call-permissions.accounts");
			}
		}
	}

	private static String parse(String key, String businessNumber) {
		try {
			return PhoneNumber.parse(businessNumber).value();
		}
		catch (InvalidPhoneNumberException ex) {
			throw new InvalidConfigurationException(key, "not a possible E.164 number: " + ex.getMessage());
		}
	}

	private static void required(String key, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidConfigurationException(key, "is required");
		}
	}

	private static String quoted(String value) {
		return (value != null) ? "'" + value + "'" : "nothing";
	}

}
