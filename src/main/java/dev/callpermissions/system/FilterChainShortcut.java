package dev.callpermissions.system;

import java.io.IOException;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.http.MediaType;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.stereotype.Component;

/**
 * What the filter chain does for an authenticated {@code GET} it lets through, done
 * directly, for an answer written before the chain: the caller's API key checked as
 * Spring Security checks it, the request id, the log context, Spring Security's default
 * response headers and the {@code http.server.requests} timer.
 * <p>
 * It exists for the lookup's cached answers: the servlet stack costs a cached answer
 * about half of its CPU (issue 19; {@code docs/performance.md}). Whatever it cannot vouch
 * for, a request without a valid key above all, goes through the whole chain, which
 * answers it as before.
 */
@Component
public class FilterChainShortcut {

	/** The client of a request when the service asks for no keys. */
	public static final String ANY_CLIENT = "";

	private final ApiKeyAuthentication apiKeys;

	/** Spring Security's defaults, in its order ({@code HeadersConfigurer}). */
	private final List<HeaderWriter> securityHeaders = List.of(new XContentTypeOptionsHeaderWriter(),
			new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
			new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY));

	private final MeterRegistry registry;

	FilterChainShortcut(SecurityProperties properties, MeterRegistry registry) {
		this.apiKeys = properties.enabled() ? new ApiKeyAuthentication(properties.apiKeys()) : null;
		this.registry = registry;
	}

	/**
	 * The {@code http.server.requests} timer of a route's 200 answers, with the tags of
	 * Spring's observation.
	 */
	public Timer answeredTimer(String method, String uriPattern) {
		return Timer.builder("http.server.requests")
			.tags("error", "none", "exception", "none", "method", method, "outcome", "SUCCESS", "status", "200", "uri",
					uriPattern)
			.register(this.registry);
	}

	/**
	 * The client whose API key the request carries, {@link #ANY_CLIENT} when no key is
	 * needed, or null when the filter chain must judge the request.
	 */
	public String client(HttpServletRequest request) {
		if (this.apiKeys == null) {
			return ANY_CLIENT;
		}
		String key = request.getHeader(ApiKeyAuthentication.HEADER);
		return (key != null) ? this.apiKeys.clientOrNull(key) : null;
	}

	/**
	 * Opens the request's log context as the filters would: its id and its client.
	 * @return the request id, for {@link #writeJson}
	 */
	public String openLogContext(HttpServletRequest request, String client) {
		String requestId = RequestIdFilter.requestIdFor(request.getHeader(RequestIdFilter.HEADER));
		MDC.put(LogContext.REQUEST_ID, requestId);
		if (!client.isEmpty()) {
			MDC.put(LogContext.CLIENT, client);
		}
		return requestId;
	}

	public void closeLogContext() {
		MDC.remove(LogContext.REQUEST_ID);
		MDC.remove(LogContext.CLIENT);
	}

	/**
	 * Writes a 200 JSON answer with the headers the chain would add.
	 */
	public void writeJson(HttpServletRequest request, HttpServletResponse response, String requestId, byte[] body)
			throws IOException {
		response.setHeader(RequestIdFilter.HEADER, requestId);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		for (HeaderWriter writer : this.securityHeaders) {
			writer.writeHeaders(request, response);
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
