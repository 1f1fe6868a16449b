package dev.callpermissions.webhook;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.callpermissions.system.ApiProblem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The OpenAPI description of the webhook endpoints, with Meta's documented payload as the
 * example.
 */
final class WebhookDocumentation {

	private WebhookDocumentation() {
	}

	static final String PROBLEM = "application/problem+json";

	/** A user accepting a temporary permission ("Obtain User Call Permissions"). */
	static final String CALL_PERMISSION_REPLY = """
			{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
			 "value":{"messaging_product":"whatsapp",
			  "metadata":{"display_phone_number":"14155550100","phone_number_id":"106540352242922"},
			  "contacts":[{"profile":{"name":"Kerry"},"wa_id":"13057765456","user_id":"US.13491208655302741918"}],
			  "messages":[{"from":"13057765456","from_user_id":"US.13491208655302741918","id":"wamid.HBgLMTMwNTc3NjU0NTY",
			   "timestamp":"1767168000","context":{"id":"wamid.HBgLMTMwNTc3NjU0NTYVAgARGBI"},"type":"interactive",
			   "interactive":{"type":"call_permission_reply","call_permission_reply":{"response":"accept",
			    "is_permanent":false,"expiration_timestamp":"1768550400","response_source":"user_action"}}}]}}]}]}""";

	static final String INVALID_SIGNATURE = """
			{"type":"https://callpermissions.dev/problems/invalid-signature","title":"Invalid webhook signature",
			 "status":401,"detail":"X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of the body under a configured app secret.",
			 "instance":"/webhooks/meta","code":"INVALID_SIGNATURE","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	static final String PAYLOAD_TOO_LARGE = """
			{"type":"https://callpermissions.dev/problems/payload-too-large","title":"Payload too large","status":413,
			 "detail":"A delivery may be at most 1 MiB.","instance":"/webhooks/meta","code":"PAYLOAD_TOO_LARGE",
			 "requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	static final String VERIFICATION_FAILED = """
			{"type":"https://callpermissions.dev/problems/webhook-verification-failed","title":"Webhook verification failed",
			 "status":403,"detail":"hub.mode must be subscribe, hub.challenge present and hub.verify_token the configured token.",
			 "instance":"/webhooks/meta","code":"WEBHOOK_VERIFICATION_FAILED","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	static final String NOT_CONFIGURED = """
			{"type":"https://callpermissions.dev/problems/not-found","title":"No such resource","status":404,
			 "detail":"Meta webhooks are not configured on this service.","instance":"/webhooks/meta","code":"NOT_FOUND",
			 "requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	/**
	 * The body and responses of {@code POST /webhooks/meta}.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			description = "Meta's delivery, exactly as sent: the signature covers the raw bytes (at most 1 MiB)",
			content = @Content(mediaType = "application/json", schema = @Schema(type = "object"),
					examples = @ExampleObject(name = "call_permission_reply", value = CALL_PERMISSION_REPLY)))
	@ApiResponse(responseCode = "200",
			description = "Signed correctly: acknowledged, and the cached answers it makes stale are dropped")
	@ApiResponse(responseCode = "401", description = "X-Hub-Signature-256 missing or wrong; nothing was changed",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "INVALID_SIGNATURE", value = INVALID_SIGNATURE)))
	@ApiResponse(responseCode = "404", description = "Meta webhooks are not configured",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "NOT_FOUND", value = NOT_CONFIGURED)))
	@ApiResponse(responseCode = "413", description = "The body is over 1 MiB; nothing was changed",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "PAYLOAD_TOO_LARGE", value = PAYLOAD_TOO_LARGE)))
	@interface DeliveryResponses {

	}

	/**
	 * The responses of {@code GET /webhooks/meta}.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@ApiResponse(responseCode = "200", description = "The token matches: the challenge, echoed",
			content = @Content(mediaType = "text/plain", schema = @Schema(type = "string"),
					examples = @ExampleObject(name = "challenge", value = "1158201444")))
	@ApiResponse(responseCode = "403", description = "Wrong mode or verify token, or no challenge",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "WEBHOOK_VERIFICATION_FAILED", value = VERIFICATION_FAILED)))
	@ApiResponse(responseCode = "404", description = "Meta webhooks are not configured",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "NOT_FOUND", value = NOT_CONFIGURED)))
	@interface HandshakeResponses {

	}

}
