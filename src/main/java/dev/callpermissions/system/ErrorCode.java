package dev.callpermissions.system;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * The stable error codes of the contract, each with its HTTP status, title and problem
 * type URI.
 */
public enum ErrorCode {

	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),

	INVALID_PHONE_NUMBER(HttpStatus.BAD_REQUEST, "Invalid phone number"),

	INVALID_USER_ID(HttpStatus.BAD_REQUEST, "Invalid user id"),

	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Missing or wrong API key"),

	INVALID_SIGNATURE(HttpStatus.UNAUTHORIZED, "Invalid webhook signature"),

	WEBHOOK_VERIFICATION_FAILED(HttpStatus.FORBIDDEN, "Webhook verification failed"),

	UNKNOWN_BUSINESS_NUMBER(HttpStatus.NOT_FOUND, "Unknown business number"),

	NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),

	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"),

	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large"),

	REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "Request body too slow"),

	LOOKUP_NOT_SUPPORTED(HttpStatus.UNPROCESSABLE_ENTITY, "Lookup not supported by this provider"),

	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Rate limited"),

	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),

	PROVIDER_AUTH_FAILED(HttpStatus.BAD_GATEWAY, "The provider rejected our credentials"),

	PROVIDER_REJECTED(HttpStatus.BAD_GATEWAY, "The provider refused the lookup"),

	PROVIDER_ERROR(HttpStatus.BAD_GATEWAY, "The provider failed"),

	PROVIDER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The provider is unavailable"),

	PROVIDER_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "The provider did not answer in time");

	private static final String TYPE_BASE = "https://callpermissions.dev/problems/";

	private final HttpStatus status;

	private final String title;

	private final URI type;

	ErrorCode(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
		this.type = URI.create(TYPE_BASE + name().toLowerCase(Locale.ROOT).replace('_', '-'));
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	public URI type() {
		return this.type;
	}

	/**
	 * The code for a status Spring or the servlet container chose.
	 */
	static ErrorCode forStatus(int status) {
		return switch (status) {
			// 505: the request line names an HTTP version the server does not speak
			case 400, 414, 431, 505 -> INVALID_REQUEST;
			case 408 -> REQUEST_TIMEOUT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 401 -> UNAUTHENTICATED;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 503 -> PROVIDER_UNAVAILABLE;
			default -> (status >= 400 && status < 500) ? INVALID_REQUEST : INTERNAL_ERROR;
		};
	}

}
