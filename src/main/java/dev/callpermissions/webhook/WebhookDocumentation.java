package dev.callpermissions.webhook;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The OpenAPI description of the webhook endpoints, with Meta's documented payload
 * ("Obtain User Call Permissions") as the example; the problem responses are generated
 * from the error-code catalogue ({@code system.ProblemResponses}).
 */
final class WebhookDocumentation {

	private WebhookDocumentation() {
	}

	/**
	 * The body and answer of {@code POST /webhooks/meta}.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			description = "Meta's delivery, exactly as sent: the signature covers the raw bytes (at most 1 MiB)",
			content = @Content(mediaType = "application/json", schema = @Schema(type = "object"),
					examples = @ExampleObject(name = "call_permission_reply",
							externalValue = "openapi/examples/webhook-delivery/call-permission-reply.json")))
	@ApiResponse(responseCode = "200",
			description = "Signed correctly: acknowledged, and the cached answers it makes stale are dropped")
	@interface DeliveryResponses {

	}

	/**
	 * The answer of {@code GET /webhooks/meta}.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@ApiResponse(responseCode = "200", description = "The token matches: the challenge, echoed",
			content = @Content(mediaType = "text/plain", schema = @Schema(type = "string"),
					examples = @ExampleObject(name = "challenge", value = "1158201444")))
	@interface HandshakeResponses {

	}

}
