package dev.callpermissions.system;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds the one problem shape every failure leaves as: RFC 9457 members plus
 * {@code code} and {@code requestId}.
 */
public final class Problems {

	/**
	 * A request refused before the service could read it: by Jetty, or by Spring
	 * Security's firewall, whether at the door or when a header is first read.
	 */
	static final String UNREADABLE_REQUEST = "The request could not be read.";

	private Problems() {
	}

	/**
	 * The problem for a failure, as a batch result carries it.
	 */
	public static ProblemDetail problem(ApiException failure, HttpServletRequest request) {
		ProblemDetail problem = problem(failure.errorCode(), failure.getMessage(), request);
		failure.problemProperties().forEach(problem::setProperty);
		return problem;
	}

	/**
	 * The problem of one item of a batch, whose answer has no header of its own: a wait
	 * the single lookup would carry as {@code Retry-After} is the member
	 * {@code retryAfter}, in seconds.
	 */
	public static ProblemDetail itemProblem(ApiException failure, HttpServletRequest request) {
		ProblemDetail problem = problem(failure, request);
		if (failure.retryAfter() != null) {
			problem.setProperty("retryAfter", retryAfterSeconds(failure.retryAfter()));
		}
		return problem;
	}

	static ProblemDetail problem(ErrorCode code, String detail, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
		problem.setType(code.type());
		problem.setTitle(code.title());
		// the path only: a query string would carry users' numbers
		problem.setInstance(java.net.URI.create(safePath(request)));
		problem.setProperty("code", code.name());
		problem.setProperty("requestId", RequestIdFilter.requestId(request));
		return problem;
	}

	static ResponseEntity<Object> response(ErrorCode code, String detail, Map<String, Object> properties,
			Duration retryAfter, HttpHeaders headers, HttpServletRequest request) {
		ProblemDetail problem = problem(code, detail, request);
		properties.forEach(problem::setProperty);
		HttpHeaders responseHeaders = new HttpHeaders();
		if (headers != null) {
			responseHeaders.putAll(headers);
		}
		responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			responseHeaders.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(retryAfter)));
		}
		return ResponseEntity.status(code.status()).headers(responseHeaders).body(problem);
	}

	/**
	 * Writes a problem straight to the response, for filters that answer before Spring
	 * MVC runs.
	 */
	static void write(ObjectMapper objectMapper, HttpServletResponse response, ErrorCode code, String detail,
			HttpServletRequest request) throws IOException {
		response.setStatus(code.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		objectMapper.writeValue(response.getOutputStream(), problem(code, detail, request));
	}

	/**
	 * Whole seconds, rounded up, and at least one: a 0 would invite an immediate retry.
	 */
	static long retryAfterSeconds(Duration retryAfter) {
		long seconds = retryAfter.toSeconds() + ((retryAfter.toNanosPart() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

	private static String safePath(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (path == null || path.isEmpty()) {
			return "/";
		}
		StringBuilder safe = new StringBuilder(path.length());
		for (int i = 0; i < path.length() && safe.length() < 256; i++) {
			char c = path.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "/-._~%".indexOf(c) >= 0;
			safe.append(allowed ? c : '_');
		}
		return safe.toString();
	}

}
