package dev.callpermissions.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame: what the service is and the {@code X-API-Key} scheme that
 * Swagger UI's "Authorize" fills in.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String API_KEY_SCHEME = "apiKey";

	@Bean
	OpenAPI callPermissionsOpenApi() {
		return new OpenAPI()
			.info(new Info().title("call-permissions-proxy")
				.version("v1")
				.description("May this business number call this WhatsApp user right now, and if not, what is "
						+ "allowed and when? One answer, whichever vendor the business number lives on: Meta's "
						+ "Cloud API, ChakraHQ, 8x8 or Kaleyra.")
				.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
			.components(new Components().addSecuritySchemes(API_KEY_SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name(ApiKeyAuthentication.HEADER)
						.description("The key configured for your client under call-permissions.security.api-keys")))
			.addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME))
			// relative: springdoc would otherwise build the URL from the request's Host
			// header
			.addServersItem(new Server().url("/").description("This service"));
	}

}
