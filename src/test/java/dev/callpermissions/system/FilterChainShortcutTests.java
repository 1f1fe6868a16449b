package dev.callpermissions.system;

import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcut admits a request by its key as the chain's API key authentication does.
 */
class FilterChainShortcutTests {

	private final FilterChainShortcut withKeys = shortcut(
			new SecurityProperties(true, Map.of("crm", "crm-key", "billing", "billing-key")));

	@Test
	void admitsAKeyAsTheClientItBelongsTo() {
		assertThat(this.withKeys.client(request("billing-key"))).isEqualTo("billing");
	}

	@Test
	void leavesAWrongOrMissingKeyToTheChain() {
		assertThat(this.withKeys.client(request("crm-key "))).isNull();
		assertThat(this.withKeys.client(request(null))).isNull();
	}

	@Test
	void admitsEveryRequestAsNoClientWhenNoKeysAreAsked() {
		FilterChainShortcut open = shortcut(new SecurityProperties(false, null));

		assertThat(open.client(request(null))).isEqualTo(FilterChainShortcut.ANY_CLIENT);
		assertThat(open.client(request("anything"))).isEqualTo(FilterChainShortcut.ANY_CLIENT);
	}

	@Test
	void leavesAClientTheChainsRulesRefuseToTheChain() {
		FilterChainShortcut refusing = shortcut(new SecurityProperties(true, Map.of("crm", "crm-key")),
				(client, request) -> new AuthorizationDecision(!client.get().getName().equals("crm")));

		assertThat(refusing.client(request("crm-key"))).isNull();
	}

	private static FilterChainShortcut shortcut(SecurityProperties security) {
		return shortcut(security, (client, request) -> new AuthorizationDecision(true));
	}

	private static FilterChainShortcut shortcut(SecurityProperties security,
			AuthorizationManager<HttpServletRequest> rules) {
		return new FilterChainShortcut(security,
				new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE, new AuthorizationFilter(rules)),
				new ServerProperties(), ObservationRegistry.NOOP, new ObservationProperties(),
				new DefaultListableBeanFactory().getBeanProvider(ServerRequestObservationConvention.class));
	}

	private static MockHttpServletRequest request(String key) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/call-permissions");
		if (key != null) {
			request.addHeader("X-API-Key", key);
		}
		return request;
	}

}
