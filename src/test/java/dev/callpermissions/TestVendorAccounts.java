package dev.callpermissions;

import java.util.function.Supplier;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one set-up of vendor accounts, channels and client keys for full-stack tests: each
 * account points at a test's simulated vendor, each channel takes the next index.
 */
public final class TestVendorAccounts {

	private static final String PREFIX = "call-permissions.";

	private final DynamicPropertyRegistry registry;

	private int channels;

	private TestVendorAccounts(DynamicPropertyRegistry registry) {
		this.registry = registry;
	}

	public static TestVendorAccounts in(DynamicPropertyRegistry registry) {
		return new TestVendorAccounts(registry);
	}

	/**
	 * A {@code meta} or {@code chakra} account at {@code baseUrl}.
	 */
	public TestVendorAccounts graphAccount(String name, String provider, String accessToken, Supplier<Object> baseUrl) {
		return accountSetting(name, "provider", () -> provider).accountSetting(name, "access-token", () -> accessToken)
			.accountSetting(name, "base-url", baseUrl);
	}

	/**
	 * Any other key of an account, e.g. {@code timeout}.
	 */
	public TestVendorAccounts accountSetting(String name, String key, Supplier<Object> value) {
		this.registry.add(PREFIX + "accounts." + name + "." + key, value);
		return this;
	}

	/**
	 * The next channel: a business number on a Graph account's phone-number id.
	 */
	public TestVendorAccounts graphChannel(String businessNumber, String account, String phoneNumberId) {
		return channel(businessNumber, account, "phone-number-id", phoneNumberId);
	}

	/**
	 * The next channel: a business number on an account, with its vendor's own keys (e.g.
	 * {@code channel-id}) given as key and value pairs.
	 */
	public TestVendorAccounts channel(String businessNumber, String account, String... keysAndValues) {
		String key = PREFIX + "channels[" + this.channels++ + "].";
		this.registry.add(key + "business-number", () -> businessNumber);
		this.registry.add(key + "account", () -> account);
		for (int i = 0; i < keysAndValues.length; i += 2) {
			String value = keysAndValues[i + 1];
			this.registry.add(key + keysAndValues[i], () -> value);
		}
		return this;
	}

	/**
	 * A client allowed in with {@code X-API-Key: key}.
	 */
	public TestVendorAccounts apiKey(String client, String key) {
		this.registry.add(PREFIX + "security.api-keys." + client, () -> key);
		return this;
	}

}
