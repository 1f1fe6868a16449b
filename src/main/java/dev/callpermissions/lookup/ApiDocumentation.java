package dev.callpermissions.lookup;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.callpermissions.permission.CallPermission;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The OpenAPI answers of the lookup endpoints, kept out of the controller's way. Their
 * examples are the JSON files under {@code openapi/examples/}; the problem responses are
 * generated from the error-code catalogue ({@code system.ProblemResponses}).
 */
final class ApiDocumentation {

	private ApiDocumentation() {
	}

	/**
	 * The body and answer of {@code POST /call-permissions/batch}.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchRequest.class),
					examples = @ExampleObject(name = "four vendors and a bad number",
							externalValue = "openapi/examples/batch/request.json")))
	@ApiResponse(responseCode = "200", description = "One result per lookup, in order: an answer or an error",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchResponse.class),
					examples = @ExampleObject(name = "answers and a failure",
							externalValue = "openapi/examples/batch/response.json")))
	@interface BatchResponses {

	}

	/**
	 * The answer of {@code GET /call-permissions}.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@ApiResponse(responseCode = "200", description = "The permission and what it allows now",
			headers = @Header(name = "Age",
					description = "Seconds since the vendor gave this answer; present only when it came from the cache",
					schema = @Schema(type = "integer")),
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = CallPermission.class),
					examples = {
							@ExampleObject(name = "call limit reached",
									externalValue = "openapi/examples/lookup/call-limit-reached.json"),
							@ExampleObject(name = "permanent, can call",
									externalValue = "openapi/examples/lookup/permanent.json"),
							@ExampleObject(name = "not granted, by user id",
									externalValue = "openapi/examples/lookup/not-granted-by-user-id.json") }))
	@interface LookupResponses {

	}

}
