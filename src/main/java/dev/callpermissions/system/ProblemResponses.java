package dev.callpermissions.system;

import java.util.List;

import org.springframework.http.HttpStatus;

import static dev.callpermissions.system.ErrorCode.INVALID_PHONE_NUMBER;
import static dev.callpermissions.system.ErrorCode.INVALID_REQUEST;
import static dev.callpermissions.system.ErrorCode.INVALID_SIGNATURE;
import static dev.callpermissions.system.ErrorCode.INVALID_USER_ID;
import static dev.callpermissions.system.ErrorCode.LOOKUP_NOT_SUPPORTED;
import static dev.callpermissions.system.ErrorCode.NOT_FOUND;
import static dev.callpermissions.system.ErrorCode.PAYLOAD_TOO_LARGE;
import static dev.callpermissions.system.ErrorCode.PROVIDER_AUTH_FAILED;
import static dev.callpermissions.system.ErrorCode.PROVIDER_ERROR;
import static dev.callpermissions.system.ErrorCode.PROVIDER_REJECTED;
import static dev.callpermissions.system.ErrorCode.PROVIDER_TIMEOUT;
import static dev.callpermissions.system.ErrorCode.PROVIDER_UNAVAILABLE;
import static dev.callpermissions.system.ErrorCode.RATE_LIMITED;
import static dev.callpermissions.system.ErrorCode.UNAUTHENTICATED;
import static dev.callpermissions.system.ErrorCode.UNKNOWN_BUSINESS_NUMBER;
import static dev.callpermissions.system.ErrorCode.UNSUPPORTED_MEDIA_TYPE;
import static dev.callpermissions.system.ErrorCode.WEBHOOK_VERIFICATION_FAILED;

/**
 * Which {@link ErrorCode}s each operation answers, and what each status means there: the
 * one list the OpenAPI document's problem responses are generated from
 * ({@link ProblemResponseCustomizer}). An operation's examples are
 * {@code openapi/examples/<operation>/<CODE>.json}, else
 * {@code openapi/examples/<CODE>.json}.
 */
enum ProblemResponses {

	LOOKUP("lookup", "get", "/call-permissions",
			of("Missing or conflicting parameters, or an invalid number or id", INVALID_REQUEST, INVALID_PHONE_NUMBER,
					INVALID_USER_ID),
			of("Missing or wrong X-API-Key", UNAUTHENTICATED),
			of("No channel is configured for the business number", UNKNOWN_BUSINESS_NUMBER),
			of("userId on a provider that looks up by phone number only", LOOKUP_NOT_SUPPORTED),
			withRetryAfter("The vendor's rate limit, or the service's own per account", RATE_LIMITED),
			of("The vendor rejected our credentials, refused the lookup or failed", PROVIDER_AUTH_FAILED,
					PROVIDER_REJECTED, PROVIDER_ERROR),
			withRetryAfter("The vendor could not be reached, has been failing (its circuit breaker is open), "
					+ "or too many lookups are in flight for the account", PROVIDER_UNAVAILABLE),
			of("The vendor did not answer within the account's timeout", PROVIDER_TIMEOUT)),

	BATCH("batch", "post", "/call-permissions/batch", of("Not JSON, no lookups, or more than 100", INVALID_REQUEST),
			of("Missing or wrong X-API-Key", UNAUTHENTICATED), of("The body is larger than 64 KiB", PAYLOAD_TOO_LARGE),
			of("The body is not application/json (forms and uploads are refused on every path)",
					UNSUPPORTED_MEDIA_TYPE)),

	WEBHOOK_DELIVERY("webhook-delivery", "post", "/webhooks/meta",
			of("X-Hub-Signature-256 missing or wrong; nothing was changed", INVALID_SIGNATURE),
			of("Meta webhooks are not configured", NOT_FOUND),
			of("The body is over 1 MiB; nothing was changed", PAYLOAD_TOO_LARGE),
			withRetryAfter("16 MiB of deliveries are being read already; nothing was changed", RATE_LIMITED)),

	WEBHOOK_HANDSHAKE("webhook-handshake", "get", "/webhooks/meta",
			of("Wrong mode or verify token, or no challenge", WEBHOOK_VERIFICATION_FAILED),
			of("Meta webhooks are not configured", NOT_FOUND));

	private final String name;

	private final String method;

	private final String path;

	private final List<Status> statuses;

	ProblemResponses(String name, String method, String path, Status... statuses) {
		this.name = name;
		this.method = method;
		this.path = path;
		this.statuses = List.of(statuses);
	}

	/** The folder of this operation's own examples. */
	String operationName() {
		return this.name;
	}

	/** The HTTP method, lower case as in the document's path item. */
	String method() {
		return this.method;
	}

	String path() {
		return this.path;
	}

	List<Status> statuses() {
		return this.statuses;
	}

	private static Status of(String description, ErrorCode... codes) {
		return new Status(description, false, List.of(codes));
	}

	private static Status withRetryAfter(String description, ErrorCode... codes) {
		return new Status(description, true, List.of(codes));
	}

	/**
	 * One status of an operation: what it means there, whether it carries
	 * {@code Retry-After}, and the codes it comes with.
	 */
	record Status(String description, boolean retryAfter, List<ErrorCode> codes) {

		Status {
			HttpStatus status = codes.get(0).status();
			if (codes.stream().anyMatch((code) -> code.status() != status)) {
				throw new IllegalArgumentException("One status per entry: " + codes);
			}
		}

		HttpStatus status() {
			return this.codes.get(0).status();
		}

	}

}
