package dev.callpermissions.system;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

import dev.callpermissions.sandbox.SandboxTestSupport;

import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.HttpExchange.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Who gets in: CRM backends with a configured key, and anyone to the probes and the API
 * documentation; an unauthenticated caller learns nothing but 401.
 */
class SecurityTests extends SandboxTestSupport {

	@Autowired
	private ApplicationContext context;

	@ParameterizedTest
	@ValueSource(strings = { "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765401",
			"/no-such-path", "/actuator/prometheus", "/actuator/env", "/call-permissions/batch" })
	void anUnauthenticatedCallerGetsNothingBut401(String path) {
		HttpResponse<String> response = get(this.port, path);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-API-Key\"");
		assertThat(json(response).get("code").asText()).isEqualTo("UNAUTHENTICATED");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
			"/actuator/info", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html" })
	void probesAndDocumentationStayOpenEvenWithAWrongKey(String path) {
		assertThat(get(this.port, path).statusCode()).isEqualTo(path.equals("/swagger-ui.html") ? 302 : 200);
		assertThat(get(this.port, path, "X-API-Key", "wrong").statusCode())
			.isEqualTo(path.equals("/swagger-ui.html") ? 302 : 200);
	}

	@Test
	void theSecurityChainServesWithoutAnAdvanceHandlerLookup() {
		// Spring Security 6 wraps it in a composite that first looks up the MVC handler
		Object chain = this.context.getBean("springSecurityFilterChain");
		assertThat(chain).isInstanceOf(FilterChainProxy.class);
		assertThat(chain.getClass().getName()).doesNotContain("WebMvcSecurityConfiguration");
	}

	@Test
	void anAuthenticatedCallerGetsNoSessionAndTheHardeningHeaders() {
		HttpResponse<String> response = get(this.port,
				"/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765401", "X-API-Key", API_KEY);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void aWrongMethodWithAKeyIsStillAProblemNotALoginPage() {
		HttpResponse<String> response = send(this.port, "DELETE", "/call-permissions", "X-API-Key", API_KEY);

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(json(response).get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
	}

	@Test
	void aKeyNamesItsClientAndNothingElseMatches() {
		ApiKeyAuthentication keys = new ApiKeyAuthentication(Map.of("crm-eu", "key-eu-123", "crm-us", "key-us-456"));

		assertThat(keys.authenticate(new PreAuthenticatedAuthenticationToken(null, "key-us-456")).getName())
			.isEqualTo("crm-us");
		for (String wrong : new String[] { "key-us-45", "key-us-4567", "KEY-US-456", "", " key-us-456" }) {
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> keys.authenticate(new PreAuthenticatedAuthenticationToken(null, wrong)));
		}
	}

}
