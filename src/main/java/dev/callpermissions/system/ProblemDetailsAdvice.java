package dev.callpermissions.system;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place errors leave the application: ours, the vendors' and Spring MVC's own,
 * all as {@code application/problem+json}, never with a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> handleApiException(ApiException ex, HttpServletRequest request) {
		return Problems.response(ex.errorCode(), ex.getMessage(), ex.problemProperties(), ex.retryAfter(), null,
				request);
	}

	/** Jetty decodes parameters on first use: a bad percent-encoding surfaces here. */
	@ExceptionHandler(BadMessageException.class)
	ResponseEntity<Object> handleUnreadableRequest(BadMessageException ex, HttpServletRequest request) {
		return Problems.response(ErrorCode.forStatus(ex.getCode()),
				"The request's parameters could not be decoded; check their percent-encoding.", Map.of(), null, null,
				request);
	}

	/**
	 * The firewall checks a header or parameter when it is first read, which can be in
	 * Spring MVC: a control character there is the client's mistake, answered as the
	 * firewall's handler answers one found earlier.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<Object> handleRejectedRequest(RequestRejectedException ex, HttpServletRequest request) {
		return Problems.response(ErrorCode.INVALID_REQUEST, Problems.UNREADABLE_REQUEST, Map.of(), null, null, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
		logger.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), ex);
		return Problems.response(ErrorCode.INTERNAL_ERROR,
				"The service failed unexpectedly; the requestId identifies the failure in its logs.", Map.of(), null,
				null, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + error.getDefaultMessage())
			.sorted()
			.collect(Collectors.joining("; "));
		return Problems.response(ErrorCode.INVALID_REQUEST, detail.isEmpty() ? "Invalid request body." : detail + ".",
				Map.of(), null, null, ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class));
	}

	/** Jackson wraps what the body stream threw; a refused body keeps its own answer. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyGuard.BodyRefusedException refused) {
				return handleApiException(refused,
						((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class));
			}
		}
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
		String detail = detail(body);
		if (detail == null && ex instanceof ErrorResponse errorResponse) {
			detail = detail(errorResponse.getBody());
		}
		if (detail == null) {
			detail = HttpStatus.valueOf(statusCode.value()).getReasonPhrase() + ".";
		}
		HttpHeaders responseHeaders = new HttpHeaders();
		responseHeaders.putAll(headers);
		responseHeaders.remove(HttpHeaders.CONTENT_TYPE);
		return Problems.response(ErrorCode.forStatus(statusCode.value()), detail, Map.of(), null, responseHeaders,
				servletRequest);
	}

	private static String detail(Object body) {
		return (body instanceof ProblemDetail problem) ? problem.getDetail() : null;
	}

}
