package dev.callpermissions.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callpermissions.sandbox.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.json;
import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTests extends SandboxTestSupport {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void declaresTheApiKeySchemeForEveryOperation() {
		JsonNode document = document();
		JsonNode scheme = document.at("/components/securitySchemes/apiKey");
		assertThat(scheme.get("type").asText()).isEqualTo("apiKey");
		assertThat(scheme.get("in").asText()).isEqualTo("header");
		assertThat(scheme.get("name").asText()).isEqualTo("X-API-Key");
		assertThat(document.at("/security/0").has("apiKey")).isTrue();
	}

	@Test
	void describesEveryParameterOfTheLookupWithAnExample() {
		JsonNode parameters = document().at("/paths/~1call-permissions/get/parameters");
		List<String> names = new ArrayList<>();
		parameters.forEach((parameter) -> {
			names.add(parameter.get("name").asText());
			assertThat(parameter.get("description").asText()).isNotBlank();
		});
		assertThat(names).containsExactly("businessNumber", "userNumber", "userId", "include", "Cache-Control");
		assertThat(parameters.get(0).get("example").asText()).isEqualTo("+14155550100");
		assertThat(parameters.get(0).get("required").asBoolean()).as("businessNumber required").isTrue();
		assertThat(document().at("/components/schemas/Item/required").toString()).isEqualTo("[\"businessNumber\"]");
	}

	@Test
	void documentsTheAnswerAndEveryErrorWithExamples() {
		JsonNode responses = document().at("/paths/~1call-permissions/get/responses");
		assertThat(
				responses.at("/200/content/application~1json/examples/call limit reached/value/blockedReason").asText())
			.isEqualTo("call_limit_reached");
		for (String status : new String[] { "400", "401", "404", "422", "429", "502", "503", "504" }) {
			JsonNode problem = responses.at("/" + status + "/content/application~1problem+json");
			assertThat(problem.isMissingNode()).as(status).isFalse();
			assertThat(problem.get("examples").size()).as(status).isPositive();
			assertThat(problem.at("/schema/$ref").asText()).isEqualTo("#/components/schemas/Problem");
		}
		assertThat(responses.at("/429/headers/Retry-After").isMissingNode()).isFalse();
		assertThat(responses.at("/200/headers/Age/description").asText()).contains("from the cache");
		assertThat(responses.at("/503/description").asText()).contains("circuit breaker");
	}

	@Test
	void documentsTheCanonicalSchema() {
		JsonNode properties = document().at("/components/schemas/CallPermission/properties");
		assertThat(properties.has("canCall")).isTrue();
		assertThat(properties.has("blockedReason")).isTrue();
		assertThat(properties.at("/blockedReason/enum").toString()).contains("call_limit_reached");
		assertThat(document().at("/components/schemas/Permission/properties/status/enum").toString())
			.contains("not_granted", "expired", "unknown");
	}

	@Test
	void listsEveryCodeOfTheCatalogueInTheProblemSchema() {
		List<String> codes = new ArrayList<>();
		document().at("/components/schemas/Problem/properties/code/enum").forEach((code) -> codes.add(code.asText()));
		assertThat(codes)
			.containsExactly(Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toArray(String[]::new));
	}

	@Test
	void documentsBothWebhookPathsWithoutTheApiKeyAndWithTheSignatureHeader() {
		JsonNode path = document().at("/paths/~1webhooks~1meta");
		JsonNode delivery = path.get("post");
		JsonNode handshake = path.get("get");

		assertThat(delivery.get("security").isEmpty()).isTrue();
		assertThat(handshake.get("security").isEmpty()).isTrue();
		assertThat(delivery.at("/parameters/0/name").asText()).isEqualTo("X-Hub-Signature-256");
		assertThat(delivery.at("/parameters/0/in").asText()).isEqualTo("header");
		assertThat(
				delivery.at("/requestBody/content/application~1json/examples/call_permission_reply/value").toString())
			.contains("call_permission_reply");
		assertThat(delivery.at("/responses/401/content/application~1problem+json/examples/INVALID_SIGNATURE/value/code")
			.asText()).isEqualTo("INVALID_SIGNATURE");
		assertThat(delivery.at("/responses/413/content/application~1problem+json/examples/PAYLOAD_TOO_LARGE/value/code")
			.asText()).isEqualTo("PAYLOAD_TOO_LARGE");
		List<String> names = new ArrayList<>();
		handshake.get("parameters").forEach((parameter) -> names.add(parameter.get("name").asText()));
		assertThat(names).containsExactly("hub.mode", "hub.verify_token", "hub.challenge");
		assertThat(handshake.at("/responses/200/content/text~1plain").isMissingNode()).isFalse();
		assertThat(handshake.at("/responses/403/content/application~1problem+json").isMissingNode()).isFalse();
	}

	@Test
	void generatesEachOperationsProblemResponsesFromTheCatalogue() {
		JsonNode paths = document().get("paths");
		for (ProblemResponses operation : ProblemResponses.values()) {
			JsonNode responses = paths.path(operation.path()).path(operation.method()).path("responses");
			for (ProblemResponses.Status status : operation.statuses()) {
				String where = operation + " " + status.status().value();
				JsonNode problem = responses.path(Integer.toString(status.status().value()));
				assertThat(problem.path("description").asText()).as(where).isEqualTo(status.description());
				assertThat(problem.at("/content/application~1problem+json/schema/$ref").asText()).as(where)
					.isEqualTo("#/components/schemas/Problem");
				JsonNode examples = problem.at("/content/application~1problem+json/examples");
				List<String> names = new ArrayList<>();
				examples.fieldNames().forEachRemaining(names::add);
				assertThat(names).as(where)
					.containsExactly(status.codes().stream().map(ErrorCode::name).toArray(String[]::new));
				examples.properties().forEach((example) -> {
					assertThat(example.getValue().at("/value/code").asText()).as(where).isEqualTo(example.getKey());
					assertThat(example.getValue().at("/value/status").asInt()).as(where)
						.isEqualTo(status.status().value());
				});
				assertThat(problem.at("/headers/Retry-After/schema/type").asText()).as(where)
					.isEqualTo(status.retryAfter() ? "integer" : "");
			}
		}
	}

	@Test
	void publishesEveryExampleFileAndNoExampleLeftAsAFileReference() throws IOException {
		JsonNode document = document();
		List<JsonNode> published = new ArrayList<>();
		document.get("paths").findValues("examples").forEach((examples) -> examples.forEach((example) -> {
			assertThat(example.has("externalValue")).as(example.toString()).isFalse();
			published.add(example.get("value"));
		}));
		Resource[] files = new PathMatchingResourcePatternResolver()
			.getResources("classpath:openapi/examples/**/*.json");
		assertThat(files).hasSizeGreaterThan(20);
		for (Resource file : files) {
			try (InputStream in = file.getInputStream()) {
				assertThat(published).as(file.getFilename()).contains(JSON.readTree(in));
			}
		}
	}

	private JsonNode document() {
		return json(get(this.port, "/v3/api-docs"));
	}

}
