package dev.callpermissions.system;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * Answers what fails before Spring MVC sees a request (the servlet container's own
 * rejections, filter failures) with the same problem shape, in place of Boot's default
 * error page.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) {
		if (!response.containsHeader(RequestIdFilter.HEADER)) {
			response.setHeader(RequestIdFilter.HEADER, RequestIdFilter.requestId(request));
		}
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof ApiException ex) {
			return Problems.response(ex.errorCode(), ex.getMessage(), ex.problemProperties(), ex.retryAfter(), null,
					request);
		}
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int code = (status instanceof Integer value) ? value : HttpStatus.NOT_FOUND.value();
		ErrorCode errorCode = ErrorCode.forStatus(code);
		String detail = (errorCode == ErrorCode.INTERNAL_ERROR)
				? "The service failed unexpectedly; the requestId identifies the failure in its logs."
				: HttpStatus.valueOf(errorCode.status().value()).getReasonPhrase() + ".";
		return Problems.response(errorCode, detail, Map.of(), null, null, request);
	}

}
