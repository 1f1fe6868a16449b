package dev.callpermissions.system;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token,
 * else a new one. It is returned on the response, put in the logging MDC and in problem
 * bodies.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

	/** Anything else could forge log lines or bloat them. */
	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// a lookup's id is chosen before the chain if the lookup was offered its held
		// answer first (FilterChainShortcut)
		String requestId = requestId(request);
		response.setHeader(HEADER, requestId);
		MDC.put(LogContext.REQUEST_ID, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(LogContext.REQUEST_ID);
		}
	}

	/** The caller's id when it is a sane token, else a new one. */
	private static String requestIdFor(String callersId) {
		return (callersId != null && SAFE_ID.matcher(callersId).matches()) ? callersId : newRequestId();
	}

	/**
	 * A random (version 4) UUID. Not {@link UUID#randomUUID()}: its {@code SecureRandom}
	 * reads {@code /dev/urandom}, and file reads on a virtual thread make the scheduler
	 * add a carrier thread, which on a one-core pod then competes with the first one;
	 * request ids need to be unique, not unguessable.
	 */
	static String newRequestId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificant = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant).toString();
	}

	/**
	 * The request's id, chosen once: requests the filter never saw (rejected by the
	 * container) get theirs here.
	 */
	static String requestId(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof String requestId) {
			return requestId;
		}
		String requestId = requestIdFor(request.getHeader(HEADER));
		request.setAttribute(ATTRIBUTE, requestId);
		return requestId;
	}

}
