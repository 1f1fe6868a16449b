package dev.callpermissions.system;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Gives actuator's bodiless errors (a 404 for an unknown health group) the problem every
 * other error has. Actuator commits such a response empty, so its body is held back until
 * the filter has seen the status.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ActuatorProblemFilter extends OncePerRequestFilter {

	private final ObjectMapper objectMapper;

	ActuatorProblemFilter(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/actuator/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, held);
		if (held.getStatus() >= 400 && held.getContentSize() == 0) {
			ErrorCode code = ErrorCode.forStatus(held.getStatus());
			Problems.write(this.objectMapper, held, code, code.title() + ".", request);
		}
		held.copyBodyToResponse();
	}

}
