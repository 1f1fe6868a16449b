package dev.callpermissions.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;

/**
 * The OpenAPI document's frame: what the service is and the {@code X-API-Key} scheme that
 * Swagger UI's "Authorize" fills in.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String API_KEY_SCHEME = "apiKey";

	private static final String PROBLEM = "application/problem+json";

	/** Where the document's examples are kept, one JSON file each. */
	private static final String EXAMPLES = "openapi/examples/";

	private static final ObjectMapper EXAMPLE_READER = new ObjectMapper();

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

	/**
	 * Each operation's problem responses, generated from {@link ProblemResponses}: per
	 * status what it means there, the Problem schema and one example per code.
	 */
	@Bean
	OpenApiCustomizer problemResponsesFromTheCatalogue() {
		return (openApi) -> {
			for (ProblemResponses operation : ProblemResponses.values()) {
				ApiResponses responses = operationOf(openApi, operation).getResponses();
				for (ProblemResponses.Status status : operation.statuses()) {
					responses.addApiResponse(Integer.toString(status.status().value()), response(operation, status));
				}
				ApiResponses sorted = new ApiResponses();
				responses.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
					.forEach((entry) -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
				operationOf(openApi, operation).setResponses(sorted);
			}
		};
	}

	/**
	 * An example declared with {@code externalValue = "openapi/examples/…"} gets that
	 * resource as its value, so that the examples are JSON files, not Java strings.
	 */
	@Bean
	OpenApiCustomizer examplesFromResources() {
		return (openApi) -> {
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths()
				.values()
				.stream()
				.flatMap((path) -> path.readOperations().stream())
				.forEach((operation) -> contentOf(operation).forEach((content) -> content.values()
					.stream()
					.filter((media) -> media.getExamples() != null)
					.flatMap((media) -> media.getExamples().values().stream())
					.filter((example) -> example.getExternalValue() != null
							&& example.getExternalValue().startsWith(EXAMPLES))
					.forEach((example) -> {
						example.setValue(read(example.getExternalValue()));
						example.setExternalValue(null);
					})));
		};
	}

	private static List<Content> contentOf(Operation operation) {
		List<Content> contents = new ArrayList<>();
		if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
			contents.add(operation.getRequestBody().getContent());
		}
		if (operation.getResponses() != null) {
			operation.getResponses()
				.values()
				.stream()
				.filter((response) -> response.getContent() != null)
				.forEach((response) -> contents.add(response.getContent()));
		}
		return contents;
	}

	private static Operation operationOf(OpenAPI openApi, ProblemResponses operation) {
		PathItem path = (openApi.getPaths() != null) ? openApi.getPaths().get(operation.path()) : null;
		Operation found = (path != null)
				? path.readOperationsMap().get(PathItem.HttpMethod.valueOf(operation.method().toUpperCase(Locale.ROOT)))
				: null;
		if (found == null) {
			throw new IllegalStateException("The document has no operation " + operation.method() + " "
					+ operation.path() + " for the problem responses of " + operation);
		}
		if (found.getResponses() == null) {
			found.setResponses(new ApiResponses());
		}
		return found;
	}

	private static ApiResponse response(ProblemResponses operation, ProblemResponses.Status status) {
		Map<String, Example> examples = new LinkedHashMap<>();
		for (ErrorCode code : status.codes()) {
			examples.put(code.name(), new Example().description(code.name()).value(problemExample(operation, code)));
		}
		ApiResponse response = new ApiResponse().description(status.description())
			.content(new Content().addMediaType(PROBLEM,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")).examples(examples)));
		if (status.retryAfter()) {
			response.addHeaderObject(HttpHeaders.RETRY_AFTER,
					new Header().description("Seconds to wait")
						.style(Header.StyleEnum.SIMPLE)
						.schema(new Schema<>().types(Set.of("integer"))));
		}
		return response;
	}

	private static JsonNode problemExample(ProblemResponses operation, ErrorCode code) {
		String own = EXAMPLES + operation.operationName() + "/" + code.name() + ".json";
		return read(new ClassPathResource(own).exists() ? own : EXAMPLES + code.name() + ".json");
	}

	private static JsonNode read(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return EXAMPLE_READER.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No readable OpenAPI example " + resource, ex);
		}
	}

}
