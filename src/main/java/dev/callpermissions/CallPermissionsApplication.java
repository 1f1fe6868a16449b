package dev.callpermissions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CallPermissionsApplication {

	public static void main(String[] args) {
		SpringApplication.run(CallPermissionsApplication.class, args);
	}

}
