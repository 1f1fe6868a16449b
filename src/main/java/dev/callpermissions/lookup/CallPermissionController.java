package dev.callpermissions.lookup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.callpermissions.permission.CallPermission;
import dev.callpermissions.system.ApiException;
import dev.callpermissions.system.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP edge of the lookup: binds the request, asks the services and shapes their
 * answers as HTTP.
 */
@RestController
@Tag(name = "Call permissions", description = "May this business number call this WhatsApp user now?")
class CallPermissionController {

	private final CallPermissionService service;

	private final BatchLookupService batchService;

	private final LookupMetrics metrics;

	private final Clock clock;

	CallPermissionController(CallPermissionService service, BatchLookupService batchService, LookupMetrics metrics,
			Clock clock) {
		this.service = service;
		this.batchService = batchService;
		this.metrics = metrics;
		this.clock = clock;
	}

	@GetMapping(path = "/call-permissions", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Look up a user's call permission",
			description = "Asks the vendor the business number lives on whether it may call the user now, and "
					+ "answers in one canonical model: the permission, whether a call may start now, why not, "
					+ "when to retry, and the vendor's rate-limited actions.")
	@ApiDocumentation.LookupResponses
	CallPermission lookup(@ParameterObject LookupRequest lookupRequest,
			@Parameter(description = "raw adds the vendor's own response body, as it concerns this user, as `raw`. "
					+ "It asks the vendor again (the cache keeps no vendor bodies) and counts as a lookup past the "
					+ "cache for the client's refresh budget.",
					schema = @Schema(allowableValues = "raw")) @RequestParam(required = false) String include,
			@Parameter(description = "no-cache asks the vendor even if a cached answer exists (the fresh answer "
					+ "is then cached), within the client's refresh budget per account (429 past it).") @RequestHeader(
							name = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl,
			HttpServletRequest request, HttpServletResponse response) {
		if (request.getAttribute(PlainLookupFilter.FAILED_LOOKUP) instanceof RuntimeException failure) {
			// asked already, before the chain; answered here as any failed lookup is
			throw failure;
		}
		long started = System.nanoTime();
		String includeValue;
		LookupRequest.ParsedLookup lookup;
		try {
			rejectRepeated(request, "businessNumber", "userNumber", "userId", "include");
			includeValue = LookupRequest.presentOrNull(include);
			if (includeValue != null && !"raw".equals(includeValue)) {
				throw new InvalidRequestException("include accepts only the value raw.");
			}
			lookup = lookupRequest.parse();
		}
		catch (ApiException ex) {
			this.metrics.record(null, ex.errorCode().name(), false, System.nanoTime() - started);
			throw ex;
		}
		ServedAnswer result = this.service.lookup(lookup.businessNumber(), lookup.user(), includeValue != null,
				noCache(cacheControl));
		if (result.fromCache()) {
			response.setHeader(HttpHeaders.AGE, result.age(this.clock.instant()));
		}
		return result.answer();
	}

	@PostMapping(path = "/call-permissions/batch", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Look up many call permissions at once",
			description = "Answers 1 to 100 lookups in their order, each with the object GET /call-permissions "
					+ "answers or with a problem in `error`; one failing lookup never fails the batch. Identical "
					+ "lookups are asked once, lookups on one Kaleyra account go in Kaleyra requests of up to 50 users, and the "
					+ "others are asked concurrently.")
	@ApiDocumentation.BatchResponses
	BatchResponse batch(@Valid @RequestBody BatchRequest body,
			@Parameter(description = "no-cache asks the vendors even for cached answers.") @RequestHeader(
					name = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl,
			HttpServletRequest request) {
		List<LookupRequest> items = body.lookups();
		List<LookupOutcome> outcomes = this.batchService.lookupAll(items, noCache(cacheControl));
		List<Object> results = new ArrayList<>(outcomes.size());
		for (int i = 0; i < outcomes.size(); i++) {
			LookupOutcome outcome = outcomes.get(i);
			results
				.add((outcome.answer() != null) ? outcome.answer() : failure(items.get(i), outcome.failure(), request));
		}
		return new BatchResponse(results);
	}

	/** {@code Cache-Control: no-cache}, possibly among other directives. */
	static boolean noCache(String cacheControl) {
		if (cacheControl == null) {
			return false;
		}
		for (String directive : cacheControl.split(",")) {
			if (directive.strip().equalsIgnoreCase("no-cache")) {
				return true;
			}
		}
		return false;
	}

	private static BatchResponse.Failure failure(LookupRequest item, ApiException failure, HttpServletRequest request) {
		return new BatchResponse.Failure(LookupRequest.excerpt(item.businessNumber()),
				LookupRequest.excerpt(item.userNumber()), LookupRequest.excerpt(item.userId()),
				Problems.itemProblem(failure, request));
	}

	/**
	 * Spring would join a repeated parameter's values with commas; refuse it instead.
	 */
	private static void rejectRepeated(HttpServletRequest request, String... names) {
		for (String name : names) {
			String[] values = request.getParameterValues(name);
			if (values != null && values.length > 1) {
				throw new InvalidRequestException(name + " may be given only once.");
			}
		}
	}

}
