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
		byte[] digest = sha256(String.valueOf(presented.getCredentials()));
		String client = null;
		for (Map.Entry<String, byte[]> entry : this.digestsByClient) {
			if (MessageDigest.isEqual(digest, entry.getValue())) {
				client = entry.getKey();
			}
		}
		if (client == null) {
			throw new BadCredentialsException("Unknown API key");
		}
		// the key itself is not kept: nothing downstream needs it
		return new PreAuthenticatedAuthenticationToken(client, null, AuthorityUtils.createAuthorityList("ROLE_CLIENT"));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
