package dev.callpermissions.provider;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Builds an {@link Account}, its vendor's own settings and those of its channels for
 * tests by name rather than by position: each vendor's starting point holds the
 * credentials its tests expect, and a test sets only what it is about. Settings are the
 * configuration keys, bound by the vendor as at start-up.
 */
public final class TestAccount {

	private static final String KEY = "call-permissions.accounts.test";

	private final String provider;

	private final Map<String, String> settings = new LinkedHashMap<>();

	private final Map<Channel, Map<String, String>> channels = new LinkedHashMap<>();

	private String region;

	private URI baseUrl;

	private Duration timeout = Duration.ofSeconds(3);

	private int requestsPerSecond = 100;

	private TestAccount(String provider) {
		this.provider = provider;
	}

	/**
	 * A {@code meta} or {@code chakra} account with the token {@code <provider>-token}.
	 */
	public static TestAccount graph(String provider) {
		return new TestAccount(provider).accessToken(provider + "-token");
	}

	public static TestAccount meta() {
		return graph("meta");
	}

	public static TestAccount eightByEight() {
		return new TestAccount("8x8").apiKey("8x8-api-key").setting("sub-account-id", "acme_wa");
	}

	public static TestAccount kaleyra() {
		return new TestAccount("kaleyra").apiKey("kaleyra-api-key").setting("sid", "HXAP16XXXXXX97IN");
	}

	/** Any provider id, with no credentials. */
	public static TestAccount of(String provider) {
		return new TestAccount(provider);
	}

	/**
	 * Any key of the vendor's own, e.g. {@code sub-account-id}.
	 */
	public TestAccount setting(String key, String value) {
		if (value != null) {
			this.settings.put(key, value);
		}
		else {
			this.settings.remove(key);
		}
		return this;
	}

	public TestAccount apiVersion(String apiVersion) {
		return setting("api-version", apiVersion);
	}

	public TestAccount accessToken(String accessToken) {
		return setting("access-token", accessToken);
	}

	public TestAccount apiKey(String apiKey) {
		return setting("api-key", apiKey);
	}

	/**
	 * A channel of the account with its vendor's keys, e.g. {@code channel-id}, given as
	 * key and value pairs.
	 */
	public TestAccount channel(Channel channel, String... keysAndValues) {
		Map<String, String> keys = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			keys.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		this.channels.put(channel, keys);
		return this;
	}

	public TestAccount region(String region) {
		this.region = region;
		return this;
	}

	public TestAccount baseUrl(String baseUrl) {
		this.baseUrl = (baseUrl != null) ? URI.create(baseUrl) : null;
		return this;
	}

	public TestAccount timeout(Duration timeout) {
		this.timeout = timeout;
		return this;
	}

	public Account build() {
		return new Account(this.provider, this.region, this.baseUrl, this.timeout, this.requestsPerSecond);
	}

	/**
	 * The account's keys, as its vendor binds its own settings from them.
	 */
	public VendorSettings settings() {
		return settings(KEY, this.settings);
	}

	/**
	 * The account's provider, built by its vendor from the account, its settings and its
	 * channels.
	 */
	public CallPermissionProvider provider(Vendor vendor, String accountName) {
		Map<Channel, VendorSettings> channelSettings = new HashMap<>();
		int[] index = { 0 };
		this.channels.forEach((channel, keys) -> channelSettings.put(channel,
				settings("call-permissions.channels[" + index[0]++ + "]", keys)));
		return vendor.create(accountName, build(), settings(), channelSettings);
	}

	private static VendorSettings settings(String key, Map<String, String> values) {
		Map<String, String> properties = new LinkedHashMap<>();
		values.forEach((name, value) -> properties.put(key + "." + name, value));
		return new VendorSettings(new Binder(new MapConfigurationPropertySource(properties)), key);
	}

}
