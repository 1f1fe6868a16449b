package dev.callpermissions.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets in only callers with a configured {@code X-API-Key}; health, info, the OpenAPI
 * document and Swagger UI stay open. Keys are compared as SHA-256 digests in constant
 * time, so neither their content nor their length leaks through timing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	static final String CLIENT_ATTRIBUTE = ApiKeyFilter.class.getName() + ".client";

	private static final List<String> OPEN_PATHS = List.of("/actuator/health", "/actuator/info", "/v3/api-docs",
			"/swagger-ui.html", "/swagger-ui");

	private final boolean enabled;

	private final List<Map.Entry<String, byte[]>> digestsByClient;

	private final ObjectMapper objectMapper;

	ApiKeyFilter(SecurityProperties properties, ObjectMapper objectMapper) {
		this.enabled = properties.enabled();
		this.digestsByClient = properties.apiKeys()
			.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(), sha256(entry.getValue())))
			.toList();
		this.objectMapper = objectMapper;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!this.enabled) {
			return true;
		}
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		for (String open : OPEN_PATHS) {
			if (path.equals(open) || path.startsWith(open + "/")) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = client(request.getHeader(HEADER));
		if (client == null) {
			reject(request, response);
			return;
		}
		request.setAttribute(CLIENT_ATTRIBUTE, client);
		MDC.put("client", client);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove("client");
		}
	}

	private String client(String presentedKey) {
		if (presentedKey == null) {
			return null;
		}
		byte[] presented = sha256(presentedKey);
		String match = null;
		for (Map.Entry<String, byte[]> entry : this.digestsByClient) {
			if (MessageDigest.isEqual(presented, entry.getValue())) {
				match = entry.getKey();
			}
		}
		return match;
	}

	private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ProblemDetail problem = Problems.problem(ErrorCode.UNAUTHENTICATED,
				"Send a valid API key in the " + HEADER + " header.", request);
		response.setStatus(ErrorCode.UNAUTHENTICATED.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
		this.objectMapper.writeValue(response.getOutputStream(), problem);
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
