package dev.callpermissions.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a delivery's {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of the
 * raw body under an app secret, against every configured secret in constant time.
 */
final class WebhookSignature {

	static final String HEADER = "X-Hub-Signature-256";

	private static final String ALGORITHM = "HmacSHA256";

	private static final String PREFIX = "sha256=";

	/** An HMAC-SHA256 in hex. */
	private static final int DIGITS = 64;

	private final List<SecretKeySpec> keys;

	WebhookSignature(Collection<String> secrets) {
		this.keys = secrets.stream()
			.map((secret) -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM))
			.toList();
	}

	/**
	 * Whether the header is the body's signature under any of the secrets; hex digits in
	 * either case.
	 */
	boolean matches(String header, byte[] body) {
		if (!wellFormed(header)) {
			return false;
		}
		byte[] given = HexFormat.of().parseHex(header.strip(), PREFIX.length(), PREFIX.length() + DIGITS);
		boolean matched = false;
		for (SecretKeySpec key : this.keys) {
			matched |= MessageDigest.isEqual(hmac(key, body), given);
		}
		return matched;
	}

	/**
	 * Whether the header can be a signature at all, {@code sha256=} and 64 hex digits:
	 * known before the body is read.
	 */
	static boolean wellFormed(String header) {
		if (header == null) {
			return false;
		}
		String value = header.strip();
		return value.length() == PREFIX.length() + DIGITS && value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
				&& value.chars().skip(PREFIX.length()).allMatch(HexFormat::isHexDigit);
	}

	private static byte[] hmac(SecretKeySpec key, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
