package dev.callpermissions.system;

import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

import dev.callpermissions.sandbox.SandboxTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every servlet filter runs for every request, a cached lookup included: the set is kept
 * to the ones that earn that.
 */
class ServletFilterTests extends SandboxTestSupport {

	@Autowired
	private ServletWebServerApplicationContext context;

	@Test
	void runsOnlyTheFiltersEveryRequestNeeds() {
		ServletContext servletContext = this.context.getServletContext();
		assertThat(servletContext.getFilterRegistrations().keySet()).containsExactlyInAnyOrder("plainLookupFilter",
				"requestIdFilter", "characterEncodingFilter", "webMvcObservationFilter", "requestBodyGuard",
				"actuatorProblemFilter", "springSecurityFilterChain");
	}

}
