package dev.callpermissions.system;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.callpermissions.sandbox.SandboxTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.HttpExchange.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a strictly typed client generated from {@code /v3/api-docs} relies on: every real
 * answer of the sandbox's vendors, every problem, the batch and every example in the
 * document is valid against the schema the document publishes for it (JSON Schema
 * 2020-12, as OpenAPI 3.1 uses).
 */
class OpenApiConformanceTests extends SandboxTestSupport {

	private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "+14155550100 +13057765456", "+14155550100 +13057765401", "+14155550100 +13057765402",
			"+14155550100 +13057765403", "+14155550100 +13057765404", "+14155550100 +13057765405",
			"+14155550100 +13057765499", "+14155550101 +13057765456", "+14155550101 +13057765402",
			"+14155550101 +13057765406", "+6560000001 +6591230001", "+6560000001 +6591230002",
			"+6560000001 +6591230003", "+6560000001 +6591230004", "+912012345472 +919812345601",
			"+912012345472 +919812345602", "+912012345472 +919812345603", "+912012345472 +919812345604",
			"+912012345472 +919812345605", "+912012345472 +919812345606", "+912012345472 +919812345699" })
	void everyVendorsAnswerMatchesThePublishedSchema(String pair) {
		String[] numbers = pair.split(" ");
		HttpResponse<String> response = lookup(
				"businessNumber=" + encoded(numbers[0]) + "&userNumber=" + encoded(numbers[1]) + "&include=raw");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertValid(json(response), componentSchema("CallPermission"));
	}

	@Test
	void anAnswerByUserIdMatchesThePublishedSchema() {
		HttpResponse<String> response = lookup("businessNumber=%2B14155550101&userId=US.13491208655302741918");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertValid(json(response), componentSchema("CallPermission"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "businessNumber=%2B14155550100&userNumber=%2B13057765490",
			"businessNumber=%2B14155550100&userNumber=%2B13057765491",
			"businessNumber=%2B14155550100&userNumber=%2B13057765492",
			"businessNumber=%2B14155550100&userNumber=%2B13057765493",
			"businessNumber=%2B14155550100&userNumber=%2B13057765495",
			"businessNumber=%2B14155550101&userNumber=%2B13057765497",
			"businessNumber=%2B6560000001&userNumber=%2B6591230092",
			"businessNumber=%2B912012345472&userNumber=%2B919812345690",
			"businessNumber=%2B6560000001&userId=US.13491208655302741918",
			"businessNumber=%2B19995550100&userNumber=%2B13057765401", "businessNumber=%2B14155550100",
			"businessNumber=%2B14155550100&userNumber=12" })
	void everyProblemMatchesThePublishedSchema(String query) {
		HttpResponse<String> response = lookup(query);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertValid(json(response), componentSchema("Problem"));
	}

	@Test
	void aBatchAcrossEveryVendorMatchesThePublishedSchema() {
		String body = """
				{"lookups": [
				  {"businessNumber": "+14155550100", "userNumber": "+13057765402"},
				  {"businessNumber": "+14155550101", "userId": "US.13491208655302741918"},
				  {"businessNumber": "+6560000001", "userNumber": "+6591230001"},
				  {"businessNumber": "+912012345472", "userNumber": "+919812345601"},
				  {"businessNumber": "+912012345472", "userNumber": "+919812345603"},
				  {"businessNumber": "+912012345472", "userNumber": "+919812345608"},
				  {"businessNumber": "+14155550100", "userNumber": "not a number"},
				  {"businessNumber": "+14155550100"}]}""";
		HttpResponse<String> response = post(this.port, "/call-permissions/batch", body, "X-API-Key", API_KEY,
				"Content-Type", "application/json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertValid(json(response), componentSchema("BatchResponse"));
	}

	@Test
	void everyExampleInTheDocumentMatchesItsSchema() {
		JsonNode document = document();
		List<String> checked = new ArrayList<>();
		document.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			JsonNode op = operation.getValue();
			Stream.concat(Stream.of(op.path("requestBody")), op.path("responses").valueStream())
				.forEach((message) -> message.path("content").properties().forEach((media) -> {
					JsonNode schema = media.getValue().get("schema");
					media.getValue().path("examples").properties().forEach((example) -> {
						String where = operation.getKey() + " " + path.getKey() + " " + media.getKey() + " "
								+ example.getKey();
						if (schema != null && example.getValue().has("value")) {
							JsonNode value = example.getValue().get("value");
							// a body of another type than JSON reaches a client as text
							JsonNode body = media.getKey().contains("json") ? value
									: JsonNodeFactory.instance.textNode(value.asText());
							assertValid(body, schemaOf(document, schema), where);
							checked.add(where);
						}
					});
				}));
		}));
		assertThat(checked).hasSizeGreaterThan(20);
	}

	private void assertValid(JsonNode value, JsonSchema schema) {
		assertValid(value, schema, value.toString());
	}

	private static void assertValid(JsonNode value, JsonSchema schema, String what) {
		Set<ValidationMessage> errors = schema.validate(value);
		assertThat(errors).as(what).isEmpty();
	}

	private JsonSchema componentSchema(String name) {
		JsonNode document = document();
		return schemaOf(document, JsonNodeFactory.instance.objectNode().put("$ref", "#/components/schemas/" + name));
	}

	/** The schema with the document's components beside it, so that its refs resolve. */
	private static JsonSchema schemaOf(JsonNode document, JsonNode schema) {
		ObjectNode root = schema.deepCopy();
		root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		root.set("components", document.get("components"));
		return SCHEMAS.getSchema(root);
	}

	private JsonNode document() {
		return json(get(this.port, "/v3/api-docs"));
	}

	private HttpResponse<String> lookup(String query) {
		return get(this.port, "/call-permissions?" + query, "X-API-Key", API_KEY);
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
