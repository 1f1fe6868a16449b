package dev.callpermissions;

import dev.callpermissions.sandbox.VendorSimulations;

import org.springframework.boot.SpringApplication;

/**
 * The sandbox ({@code ./mvnw spring-boot:test-run}): the service on port 8080 with every
 * vendor simulated in-process, the channels of {@code application-sandbox.yaml} and the
 * API key {@code sandbox-key}.
 */
public class TestCallPermissionsApplication {

	public static void main(String[] args) {
		VendorSimulations simulations = VendorSimulations.start();
		Runtime.getRuntime().addShutdownHook(new Thread(simulations::close));
		SpringApplication application = new SpringApplication(CallPermissionsApplication.class);
		application.setAdditionalProfiles("sandbox");
		application.setDefaultProperties(simulations.properties());
		application.run(args);
	}

}
