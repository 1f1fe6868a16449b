package dev.callpermissions.system;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The problem body, as documented in OpenAPI; the application writes Spring's
 * {@link org.springframework.http.ProblemDetail} in this shape.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details with this service's extensions")
public record ApiProblem(
		@Schema(description = "Stable URI of the problem type",
				example = "https://callpermissions.dev/problems/invalid-phone-number") String type,
		@Schema(description = "Short human summary of the problem type", example = "Invalid phone number") String title,
		@Schema(description = "HTTP status", example = "400") int status,
		@Schema(description = "What went wrong with this request",
				example = "userNumber is not a possible phone number: not a possible number for its country") String detail,
		@Schema(description = "The request path", example = "/call-permissions") String instance,
		// its values are the ErrorCode catalogue, filled in by OpenApiConfiguration
		@Schema(description = "Stable error code", example = "INVALID_PHONE_NUMBER") String code,
		@Schema(description = "The request's X-Request-Id",
				example = "3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41") String requestId,
		@Schema(description = "Vendor failures: the provider id", nullable = true, example = "meta") String provider,
		@Schema(description = "Vendor failures: the account name", nullable = true,
				example = "meta-main") String account,
		@Schema(description = "Vendor failures: the vendor's HTTP status", nullable = true,
				example = "401") Integer providerHttpStatus,
		@Schema(description = "Vendor failures: the vendor's own error code", nullable = true,
				example = "138000") String providerCode,
		@Schema(description = "Vendor failures: the vendor's message", nullable = true,
				example = "Calling is not enabled for this phone number") String providerMessage,
		@Schema(description = "Vendor failures: the vendor's reference for support (fbtrace_id, errorId)",
				nullable = true, example = "AbCdEf123") String providerReference,
		@Schema(description = "Vendor failures: whether trying again later may succeed", nullable = true,
				example = "false") Boolean retryable,
		@Schema(description = "Batch items only: seconds to wait before asking again, where a single lookup "
				+ "gets a Retry-After header (429, 503)", nullable = true, example = "1") Long retryAfter) {

}
