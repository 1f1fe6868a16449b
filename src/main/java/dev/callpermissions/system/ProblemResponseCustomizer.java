package dev.callpermissions.system;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpHeaders;

/**
 * Each operation's problem responses, generated from {@link ProblemResponses}: per status
 * what it means there, the Problem schema, {@code Retry-After} where it applies and one
 * example per code.
 */
class ProblemResponseCustomizer implements OpenApiCustomizer {

	private static final String PROBLEM = "application/problem+json";

	@Override
	public void customise(OpenAPI openApi) {
		for (ProblemResponses catalogued : ProblemResponses.values()) {
			Operation operation = operationOf(openApi, catalogued);
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			for (ProblemResponses.Status status : catalogued.statuses()) {
				responses.addApiResponse(Integer.toString(status.status().value()), response(catalogued, status));
			}
			ApiResponses byStatus = new ApiResponses();
			responses.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey())
				.forEach((entry) -> byStatus.addApiResponse(entry.getKey(), entry.getValue()));
			operation.setResponses(byStatus);
		}
	}

	private static Operation operationOf(OpenAPI openApi, ProblemResponses catalogued) {
		PathItem path = (openApi.getPaths() != null) ? openApi.getPaths().get(catalogued.path()) : null;
		Operation operation = (path != null) ? path.readOperationsMap()
			.get(PathItem.HttpMethod.valueOf(catalogued.method().toUpperCase(Locale.ROOT))) : null;
		if (operation == null) {
			throw new IllegalStateException("The document has no operation " + catalogued.method() + " "
					+ catalogued.path() + " for the problem responses of " + catalogued);
		}
		return operation;
	}

	private static ApiResponse response(ProblemResponses catalogued, ProblemResponses.Status status) {
		Map<String, Example> examples = new LinkedHashMap<>();
		for (ErrorCode code : status.codes()) {
			examples.put(code.name(), new Example().description(code.name())
				.value(OpenApiExamples.problem(catalogued.operationName(), code)));
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

}
