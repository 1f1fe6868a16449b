package dev.callpermissions.provider;

import java.net.URI;
import java.time.Duration;

/**
 * Builds an {@link Account} for tests by name rather than by ten positions: each vendor's
 * starting point holds the credentials its tests expect, and a test sets only what it is
 * about.
 */
public final class TestAccount {

	private final String provider;

	private String apiVersion = "v23.0";

	private String accessToken;

	private String apiKey;

	private String subAccountId;

	private String sid;

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
		TestAccount account = new TestAccount("8x8");
		account.apiKey = "8x8-api-key";
		account.subAccountId = "acme_wa";
		return account;
	}

	public static TestAccount kaleyra() {
		TestAccount account = new TestAccount("kaleyra");
		account.apiKey = "kaleyra-api-key";
		account.sid = "HXAP16XXXXXX97IN";
		return account;
	}

	/** Any provider id, with no credentials. */
	public static TestAccount of(String provider) {
		return new TestAccount(provider);
	}

	public TestAccount apiVersion(String apiVersion) {
		this.apiVersion = apiVersion;
		return this;
	}

	public TestAccount accessToken(String accessToken) {
		this.accessToken = accessToken;
		return this;
	}

	public TestAccount apiKey(String apiKey) {
		this.apiKey = apiKey;
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
		return new Account(this.provider, this.apiVersion, this.accessToken, this.apiKey, this.subAccountId, this.sid,
				this.region, this.baseUrl, this.timeout, this.requestsPerSecond);
	}

}
