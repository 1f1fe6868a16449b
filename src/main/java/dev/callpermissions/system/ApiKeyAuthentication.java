package dev.callpermissions.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Turns an {@code X-API-Key} header into the name of the client it belongs to. Keys are
 * compared as SHA-256 digests in constant time, against every configured key, so neither
 * their content, their length nor their position leaks through timing.
 */
final class ApiKeyAuthentication implements AuthenticationManager, AuthenticationConverter {

	static final String HEADER = "X-API-Key";

	private static final List<GrantedAuthority> CLIENT = AuthorityUtils.createAuthorityList("ROLE_CLIENT");

	/**
	 * Cloned per key: cheaper than looking the algorithm up among the providers each
	 * time.
	 */
	private static final MessageDigest SHA_256 = sha256Digest();

	private final List<Map.Entry<String, byte[]>> digestsByClient;

	ApiKeyAuthentication(Map<String, String> keysByClient) {
		this.digestsByClient = keysByClient.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(), sha256(entry.getValue())))
			.toList();
	}

	/** The presented key, unauthenticated; none when the header is absent. */
	@Override
	public Authentication convert(HttpServletRequest request) {
		String key = request.getHeader(HEADER);
		return (key != null) ? new PreAuthenticatedAuthenticationToken(null, key) : null;
	}

	@Override
	public Authentication authenticate(Authentication presented) {
		Authentication client = authenticatedOrNull(String.valueOf(presented.getCredentials()));
		if (client == null) {
			throw new BadCredentialsException("Unknown API key");
		}
		return client;
	}

	/** The client a key belongs to, authenticated, or null. */
	Authentication authenticatedOrNull(String key) {
		String client = clientOrNull(key);
		// the key itself is not kept: nothing downstream needs it
		return (client != null) ? new PreAuthenticatedAuthenticationToken(client, null, CLIENT) : null;
	}

	private String clientOrNull(String key) {
		byte[] digest = sha256(key);
		String client = null;
		for (Map.Entry<String, byte[]> entry : this.digestsByClient) {
			if (MessageDigest.isEqual(digest, entry.getValue())) {
				client = entry.getKey();
			}
		}
		return client;
	}

	private static byte[] sha256(String value) {
		try {
			return ((MessageDigest) SHA_256.clone()).digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("The JDK's SHA-256 can be cloned", ex);
		}
	}

	private static MessageDigest sha256Digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
