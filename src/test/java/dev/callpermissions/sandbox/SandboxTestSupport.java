package dev.callpermissions.sandbox;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service as the sandbox runs it: real HTTP, the sandbox profile and the vendor
 * simulations, shared by every test class that extends this one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
public abstract class SandboxTestSupport {

	/** The sandbox's API key. */
	protected static final String API_KEY = "sandbox-key";

	/** Started once per test JVM; the servers run on daemon threads and end with it. */
	private static final VendorSimulations SIMULATIONS = VendorSimulations.start();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void vendors(DynamicPropertyRegistry registry) {
		SIMULATIONS.properties().forEach((key, value) -> registry.add(key, () -> value));
	}

	protected static VendorSimulations simulations() {
		return SIMULATIONS;
	}

}
