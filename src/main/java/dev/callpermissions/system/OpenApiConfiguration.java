package dev.callpermissions.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

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

	/**
	 * The problem's {@code code} lists the {@link ErrorCode} catalogue, so that the
	 * document and the service can never disagree on the codes.
	 */
	@Bean
	OpenApiCustomizer problemCodesFromTheCatalogue() {
		return (openApi) -> {
			Schema<?> problem = (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null)
					? openApi.getComponents().getSchemas().get("Problem") : null;
			if (problem != null && problem.getProperties() != null && problem.getProperties().get("code") != null) {
				@SuppressWarnings("unchecked")
				Schema<Object> code = (Schema<Object>) problem.getProperties().get("code");
				code.setEnum(Arrays.stream(ErrorCode.values()).map(ErrorCode::name).map(Object.class::cast).toList());
			}
		};
	}

	/**
	 * A nullable enum allows {@code null} among its values too: JSON Schema checks
	 * {@code enum} whatever the {@code type}, so a client would refuse the {@code null}
	 * the type allows.
	 */
	@Bean
	OpenApiCustomizer nullableEnumsAllowNull() {
		return (openApi) -> {
			if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
				return;
			}
			openApi.getComponents().getSchemas().values().forEach((schema) -> {
				Map<String, Schema> properties = schema.getProperties();
				if (properties != null) {
					properties.values().forEach(OpenApiConfiguration::allowNullInEnum);
				}
			});
		};
	}

	@SuppressWarnings("unchecked")
	private static void allowNullInEnum(Schema<?> schema) {
		List<Object> values = (List<Object>) schema.getEnum();
		if (values != null && schema.getTypes() != null && schema.getTypes().contains("null")
				&& !values.contains(null)) {
			List<Object> withNull = new ArrayList<>(values);
			withNull.add(null);
			((Schema<Object>) schema).setEnum(withNull);
		}
	}

	@Bean
	OpenApiCustomizer problemResponsesFromTheCatalogue() {
		return new ProblemResponseCustomizer();
	}

	@Bean
	OpenApiCustomizer examplesFromResources() {
		return OpenApiExamples::resolveExternalValues;
	}

}
