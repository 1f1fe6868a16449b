package dev.callpermissions.sandbox;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service as the sandbox runs it: real HTTP, the sandbox profile, the vendor
 * simulations and the Prometheus endpoint, shared by every test class that extends this
 * one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
@AutoConfigureObservability(tracing = false)
public abstract class SandboxTestSupport {

	/** The sandbox's API key. */
	protected static final String API_KEY = "sandbox-key";

	/** Started once per test JVM; the servers run on daemon threads and end with it. */
	private static final VendorSimulations SIMULATIONS = VendorSimulations.start();

	@LocalServerPort
	protected int port;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@DynamicPropertySource
	static void vendors(DynamicPropertyRegistry registry) {
		SIMULATIONS.properties().forEach((key, value) -> registry.add(key, () -> value));
	}

	/** The sample errors would otherwise open a breaker that a later test then meets. */
	@BeforeEach
	void closeCircuitBreakers() {
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	protected static VendorSimulations simulations() {
		return SIMULATIONS;
	}

}
