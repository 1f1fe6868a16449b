package dev.callpermissions.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;

import org.springframework.core.io.ClassPathResource;

/**
 * The OpenAPI document's examples, kept as JSON files under {@code openapi/examples/}
 * rather than as strings in Java.
 */
final class OpenApiExamples {

	/** Where the examples are, one JSON file each. */
	static final String FOLDER = "openapi/examples/";

	private static final ObjectMapper READER = new ObjectMapper();

	private OpenApiExamples() {
	}

	/**
	 * The example of a problem: the operation's own
	 * ({@code openapi/examples/<operation>/<CODE>.json}), else the code's
	 * ({@code openapi/examples/<CODE>.json}).
	 */
	static JsonNode problem(String operation, ErrorCode code) {
		String own = FOLDER + operation + "/" + code.name() + ".json";
		return read(new ClassPathResource(own).exists() ? own : FOLDER + code.name() + ".json");
	}

	/**
	 * Gives an example declared with {@code externalValue = "openapi/examples/…"} that
	 * file as its value: annotations can only hold constants.
	 */
	static void resolveExternalValues(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths()
			.values()
			.stream()
			.flatMap((path) -> path.readOperations().stream())
			.flatMap((operation) -> contentOf(operation).stream())
			.flatMap((content) -> content.values().stream())
			.filter((media) -> media.getExamples() != null)
			.flatMap((media) -> media.getExamples().values().stream())
			.filter((example) -> example.getExternalValue() != null && example.getExternalValue().startsWith(FOLDER))
			.forEach((example) -> {
				example.setValue(read(example.getExternalValue()));
				example.setExternalValue(null);
			});
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

	private static JsonNode read(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return READER.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No readable OpenAPI example " + resource, ex);
		}
	}

}
