package dev.callpermissions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The service. Clients authenticate by API key only, so Spring Security's generated user
 * and password are switched off.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class CallPermissionsApplication {

	public static void main(String[] args) {
		SpringApplication.run(CallPermissionsApplication.class, args);
	}

}
