package dev.callpermissions.lookup;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.callpermissions.permission.CallPermission;
import dev.callpermissions.system.ApiProblem;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The OpenAPI responses of the lookup endpoints, with realistic examples, kept out of the
 * controller's way.
 */
final class ApiDocumentation {

	private ApiDocumentation() {
	}

	static final String PROBLEM = "application/problem+json";

	static final String CALL_LIMIT_REACHED = """
			{"provider":"meta","account":"meta-main","businessNumber":"+14155550100","userNumber":"+13057765456",
			 "userId":null,
			 "permission":{"status":"temporary","expiresAt":"2026-11-27T17:37:59Z","source":null,"providerStatus":"temporary"},
			 "canCall":false,"blockedReason":"call_limit_reached","retryAt":"2026-11-22T23:10:00Z","canRequestPermission":true,
			 "actions":[
			  {"name":"send_call_permission_request","allowed":true,
			   "limits":[{"period":"PT24H","maxAllowed":1,"currentUsage":0,"resetsAt":null},
			             {"period":"P7D","maxAllowed":2,"currentUsage":1,"resetsAt":null}]},
			  {"name":"start_call","allowed":false,
			   "limits":[{"period":"PT24H","maxAllowed":5,"currentUsage":5,"resetsAt":"2026-11-22T23:10:00Z"}]}],
			 "retrievedAt":"2026-11-22T10:00:00Z"}""";

	static final String PERMANENT = """
			{"provider":"meta","account":"meta-main","businessNumber":"+14155550100","userNumber":"+13057765402",
			 "userId":null,
			 "permission":{"status":"permanent","expiresAt":null,"source":null,"providerStatus":"permanent"},
			 "canCall":true,"blockedReason":null,"retryAt":null,"canRequestPermission":false,
			 "actions":[
			  {"name":"send_call_permission_request","allowed":false,"limits":[]},
			  {"name":"start_call","allowed":true,
			   "limits":[{"period":"PT24H","maxAllowed":100,"currentUsage":3,"resetsAt":null}]}],
			 "retrievedAt":"2026-11-22T10:00:00Z"}""";

	static final String NOT_GRANTED = """
			{"provider":"chakra","account":"chakra-main","businessNumber":"+14155550101","userNumber":null,
			 "userId":"US.13491208655302741918",
			 "permission":{"status":"not_granted","expiresAt":null,"source":null,"providerStatus":"no_permission"},
			 "canCall":false,"blockedReason":"not_granted","retryAt":null,"canRequestPermission":true,
			 "actions":[
			  {"name":"send_call_permission_request","allowed":true,
			   "limits":[{"period":"PT24H","maxAllowed":1,"currentUsage":0,"resetsAt":null}]}],
			 "retrievedAt":"2026-11-22T10:00:00Z"}""";

	static final String INVALID_REQUEST = """
			{"type":"https://callpermissions.dev/problems/invalid-request","title":"Invalid request","status":400,
			 "detail":"Send exactly one of userNumber and userId, not both.","instance":"/call-permissions",
			 "code":"INVALID_REQUEST","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	static final String INVALID_PHONE_NUMBER = """
			{"type":"https://callpermissions.dev/problems/invalid-phone-number","title":"Invalid phone number","status":400,
			 "detail":"userNumber is not a possible phone number: not a possible number for its country",
			 "instance":"/call-permissions","code":"INVALID_PHONE_NUMBER","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	static final String INVALID_USER_ID = """
			{"type":"https://callpermissions.dev/problems/invalid-user-id","title":"Invalid user id","status":400,
			 "detail":"a user id is a two-letter country code, a dot and 1 to 128 letters or digits (parent ids: CC.ENT.…)",
			 "instance":"/call-permissions","code":"INVALID_USER_ID","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	static final String UNAUTHENTICATED = """
			{"type":"https://callpermissions.dev/problems/unauthenticated","title":"Missing or wrong API key","status":401,
			 "detail":"Send a valid API key in the X-API-Key header.","instance":"/call-permissions",
			 "code":"UNAUTHENTICATED","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	static final String UNKNOWN_BUSINESS_NUMBER = """
			{"type":"https://callpermissions.dev/problems/unknown-business-number","title":"Unknown business number",
			 "status":404,"detail":"No channel is configured for business number +14155550199.",
			 "instance":"/call-permissions","code":"UNKNOWN_BUSINESS_NUMBER","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	static final String LOOKUP_NOT_SUPPORTED = """
			{"type":"https://callpermissions.dev/problems/lookup-not-supported",
			 "title":"Lookup not supported by this provider","status":422,
			 "detail":"Provider 8x8 looks users up by phone number only; send userNumber instead of userId.",
			 "instance":"/call-permissions","code":"LOOKUP_NOT_SUPPORTED","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	static final String RATE_LIMITED = """
			{"type":"https://callpermissions.dev/problems/rate-limited","title":"Rate limited","status":429,
			 "detail":"Provider meta (account meta-main) is rate limiting the lookups.","instance":"/call-permissions",
			 "code":"RATE_LIMITED","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41","provider":"meta","account":"meta-main",
			 "providerHttpStatus":429,"providerCode":"613","providerMessage":"(#613) Calls to this api have exceeded the rate limit.",
			 "providerReference":"AbCdEf123","retryable":true}""";

	static final String PROVIDER_AUTH_FAILED = """
			{"type":"https://callpermissions.dev/problems/provider-auth-failed","title":"The provider rejected our credentials",
			 "status":502,"detail":"Provider meta (account meta-main) rejected the service's credentials.",
			 "instance":"/call-permissions","code":"PROVIDER_AUTH_FAILED","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41",
			 "provider":"meta","account":"meta-main","providerHttpStatus":401,"providerCode":"190",
			 "providerMessage":"Error validating access token","providerReference":"AbCdEf123","retryable":false}""";

	static final String PROVIDER_REJECTED = """
			{"type":"https://callpermissions.dev/problems/provider-rejected","title":"The provider refused the lookup",
			 "status":502,"detail":"Provider meta (account meta-main) refused the lookup.","instance":"/call-permissions",
			 "code":"PROVIDER_REJECTED","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41","provider":"meta",
			 "account":"meta-main","providerHttpStatus":401,"providerCode":"138000",
			 "providerMessage":"Calling is not enabled for this phone number","providerReference":"AbCdEf123","retryable":false}""";

	static final String PROVIDER_ERROR = """
			{"type":"https://callpermissions.dev/problems/provider-error","title":"The provider failed","status":502,
			 "detail":"Provider chakra (account chakra-main) failed to answer.","instance":"/call-permissions",
			 "code":"PROVIDER_ERROR","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41","provider":"chakra",
			 "account":"chakra-main","providerHttpStatus":500,"providerCode":null,"providerMessage":null,
			 "providerReference":null,"retryable":true}""";

	static final String PROVIDER_UNAVAILABLE = """
			{"type":"https://callpermissions.dev/problems/provider-unavailable","title":"The provider is unavailable",
			 "status":503,"detail":"Provider meta (account meta-main) could not be reached.","instance":"/call-permissions",
			 "code":"PROVIDER_UNAVAILABLE","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41","provider":"meta",
			 "account":"meta-main","providerHttpStatus":null,"providerCode":null,"providerMessage":null,
			 "providerReference":null,"retryable":true}""";

	static final String PROVIDER_TIMEOUT = """
			{"type":"https://callpermissions.dev/problems/provider-timeout","title":"The provider did not answer in time",
			 "status":504,"detail":"Provider meta (account meta-main) did not answer in time.","instance":"/call-permissions",
			 "code":"PROVIDER_TIMEOUT","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41","provider":"meta",
			 "account":"meta-main","providerHttpStatus":null,"providerCode":null,"providerMessage":null,
			 "providerReference":null,"retryable":true}""";

	static final String BATCH_REQUEST = """
			{"lookups":[
			  {"businessNumber":"+14155550100","userNumber":"+13057765402"},
			  {"businessNumber":"+14155550101","userId":"US.13491208655302741918"},
			  {"businessNumber":"+912012345472","userNumber":"+919812345601"},
			  {"businessNumber":"+14155550100","userNumber":"not a number"}]}""";

	static final String BATCH_RESPONSE = """
			{"results":[
			  {"provider":"meta","account":"meta-main","businessNumber":"+14155550100","userNumber":"+13057765402",
			   "userId":null,"permission":{"status":"permanent","expiresAt":null,"source":null,"providerStatus":"permanent"},
			   "canCall":true,"blockedReason":null,"retryAt":null,"canRequestPermission":false,
			   "actions":[{"name":"start_call","allowed":true,
			     "limits":[{"period":"PT24H","maxAllowed":100,"currentUsage":3,"resetsAt":null}]}],
			   "retrievedAt":"2026-11-22T10:00:00Z"},
			  {"provider":"chakra","account":"chakra-main","businessNumber":"+14155550101","userNumber":null,
			   "userId":"US.13491208655302741918",
			   "permission":{"status":"not_granted","expiresAt":null,"source":null,"providerStatus":"no_permission"},
			   "canCall":false,"blockedReason":"not_granted","retryAt":null,"canRequestPermission":true,
			   "actions":[{"name":"send_call_permission_request","allowed":true,"limits":[]}],
			   "retrievedAt":"2026-11-22T10:00:00Z"},
			  {"provider":"kaleyra","account":"kaleyra-in","businessNumber":"+912012345472","userNumber":"+919812345601",
			   "userId":null,
			   "permission":{"status":"permanent","expiresAt":null,"source":"user_action","providerStatus":"accept"},
			   "canCall":true,"blockedReason":null,"retryAt":null,"canRequestPermission":null,
			   "actions":[{"name":"start_call","allowed":true,"limits":[]}],"retrievedAt":"2026-11-22T10:00:00Z"},
			  {"businessNumber":"+14155550100","userNumber":"not a number","userId":null,
			   "error":{"type":"https://callpermissions.dev/problems/invalid-phone-number","title":"Invalid phone number",
			     "status":400,"detail":"userNumber is not a possible phone number: only digits, a leading + and the separators space - . ( ) are allowed",
			     "instance":"/call-permissions/batch","code":"INVALID_PHONE_NUMBER","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}}]}""";

	static final String INVALID_BATCH = """
			{"type":"https://callpermissions.dev/problems/invalid-request","title":"Invalid request","status":400,
			 "detail":"lookups must hold 1 to 100 lookups.","instance":"/call-permissions/batch",
			 "code":"INVALID_REQUEST","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	static final String UNSUPPORTED_MEDIA_TYPE = """
			{"type":"https://callpermissions.dev/problems/unsupported-media-type","title":"Unsupported media type",
			 "status":415,"detail":"Content-Type 'text/plain' is not supported.","instance":"/call-permissions/batch",
			 "code":"UNSUPPORTED_MEDIA_TYPE","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	static final String PAYLOAD_TOO_LARGE = """
			{"type":"https://callpermissions.dev/problems/payload-too-large","title":"Payload too large",
			 "status":413,"detail":"The request body is larger than 64 KiB.","instance":"/call-permissions/batch",
			 "code":"PAYLOAD_TOO_LARGE","requestId":"3f2c1a9e-7b1d-4a51-9f0e-2d7c8b6a5e41"}""";

	/**
	 * The body and responses of {@code POST /call-permissions/batch}.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchRequest.class),
					examples = @ExampleObject(name = "four vendors and a bad number", value = BATCH_REQUEST)))
	@ApiResponse(responseCode = "200", description = "One result per lookup, in order: an answer or an error",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchResponse.class),
					examples = @ExampleObject(name = "answers and a failure", value = BATCH_RESPONSE)))
	@ApiResponse(responseCode = "400", description = "Not JSON, no lookups, or more than 100",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "INVALID_REQUEST", value = INVALID_BATCH)))
	@ApiResponse(responseCode = "401", description = "Missing or wrong X-API-Key",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "UNAUTHENTICATED", value = UNAUTHENTICATED)))
	@ApiResponse(responseCode = "413", description = "The body is larger than 64 KiB",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "PAYLOAD_TOO_LARGE", value = PAYLOAD_TOO_LARGE)))
	@ApiResponse(responseCode = "415",
			description = "The body is not application/json (forms and uploads are " + "refused on every path)",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "UNSUPPORTED_MEDIA_TYPE", value = UNSUPPORTED_MEDIA_TYPE)))
	@interface BatchResponses {

	}

	/**
	 * The responses of {@code GET /call-permissions}.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@ApiResponse(responseCode = "200", description = "The permission and what it allows now",
			headers = @Header(name = "Age",
					description = "Seconds since the vendor gave this answer; present only when it came from the cache",
					schema = @Schema(type = "integer")),
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = CallPermission.class),
					examples = { @ExampleObject(name = "call limit reached", value = CALL_LIMIT_REACHED),
							@ExampleObject(name = "permanent, can call", value = PERMANENT),
							@ExampleObject(name = "not granted, by user id", value = NOT_GRANTED) }))
	@ApiResponse(responseCode = "400", description = "Missing or conflicting parameters, or an invalid number or id",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = { @ExampleObject(name = "INVALID_REQUEST", value = INVALID_REQUEST),
							@ExampleObject(name = "INVALID_PHONE_NUMBER", value = INVALID_PHONE_NUMBER),
							@ExampleObject(name = "INVALID_USER_ID", value = INVALID_USER_ID) }))
	@ApiResponse(responseCode = "401", description = "Missing or wrong X-API-Key",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "UNAUTHENTICATED", value = UNAUTHENTICATED)))
	@ApiResponse(responseCode = "404", description = "No channel is configured for the business number",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "UNKNOWN_BUSINESS_NUMBER", value = UNKNOWN_BUSINESS_NUMBER)))
	@ApiResponse(responseCode = "422", description = "userId on a provider that looks up by phone number only",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "LOOKUP_NOT_SUPPORTED", value = LOOKUP_NOT_SUPPORTED)))
	@ApiResponse(responseCode = "429", description = "The vendor's rate limit, or the service's own per account",
			headers = @Header(name = "Retry-After", description = "Seconds to wait",
					schema = @Schema(type = "integer")),
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "RATE_LIMITED", value = RATE_LIMITED)))
	@ApiResponse(responseCode = "502",
			description = "The vendor rejected our credentials, refused the lookup or failed",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = { @ExampleObject(name = "PROVIDER_AUTH_FAILED", value = PROVIDER_AUTH_FAILED),
							@ExampleObject(name = "PROVIDER_REJECTED", value = PROVIDER_REJECTED),
							@ExampleObject(name = "PROVIDER_ERROR", value = PROVIDER_ERROR) }))
	@ApiResponse(responseCode = "503",
			description = "The vendor could not be reached, has been failing (its circuit breaker is open), "
					+ "or too many lookups are in flight for the account",
			headers = @Header(name = "Retry-After", description = "Seconds to wait",
					schema = @Schema(type = "integer")),
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "PROVIDER_UNAVAILABLE", value = PROVIDER_UNAVAILABLE)))
	@ApiResponse(responseCode = "504", description = "The vendor did not answer within the account's timeout",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ApiProblem.class),
					examples = @ExampleObject(name = "PROVIDER_TIMEOUT", value = PROVIDER_TIMEOUT)))
	@interface LookupResponses {

	}

}
