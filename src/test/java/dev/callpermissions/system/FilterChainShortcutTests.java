package dev.callpermissions.system;

import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcut admits exactly the requests Spring Security would let through to a lookup.
 */
class FilterChainShortcutTests {

	private final FilterChainShortcut withKeys = new FilterChainShortcut(
			new SecurityProperties(true, Map.of("crm", "crm-key", "billing", "billing-key")),
			new SimpleMeterRegistry());

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
		FilterChainShortcut open = new FilterChainShortcut(new SecurityProperties(false, null),
				new SimpleMeterRegistry());

		assertThat(open.client(request(null))).isEqualTo(FilterChainShortcut.ANY_CLIENT);
		assertThat(open.client(request("anything"))).isEqualTo(FilterChainShortcut.ANY_CLIENT);
	}

	private static MockHttpServletRequest request(String key) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/call-permissions");
		if (key != null) {
			request.addHeader("X-API-Key", key);
		}
		return request;
	}

}
