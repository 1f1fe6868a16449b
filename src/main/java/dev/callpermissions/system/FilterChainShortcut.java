package dev.callpermissions.system;

import java.io.IOException;
import java.util.Enumeration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.servlet.server.Encoding;
import org.springframework.http.MediaType;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * What the filter chain does for an authenticated {@code GET} it lets through, done
 * directly, for an answer written before the chain: the caller's API key checked as
 * Spring Security checks it, the request id, the log context, the response encoding,
 * Spring Security's default response headers and Spring's {@code http.server.requests}
 * observation.
 * <p>
 * It exists for the lookup's answers: the servlet stack cost a cached answer about two
 * thirds of its CPU, and an answer asked of the vendor about a fifth (issue 19;
 * {@code docs/performance.md}). Whatever it cannot vouch for, a request without a valid
 * key above all, goes through the whole chain, which answers it as before; so does a
 * failure, on an observation already begun ({@link #handOver}).
 */
@Component
public class FilterChainShortcut {

	/** The client of a request when the service asks for no keys. */
	public static final String ANY_CLIENT = "";

	/**
	 * Where Spring's filter looks for an observation begun before it; the name is private
	 * to it ({@code PlainLookupMissTests} checks it is still read: a failed lookup is
	 * timed from its start).
	 */
	private static final String OBSERVATION_ATTRIBUTE = ServerHttpObservationFilter.class.getName() + ".observation";

	private final ApiKeyAuthentication apiKeys;

	/** The chain's own rules: what they refuse a client is left to the chain. */
	private final AuthorizationManager<HttpServletRequest> authorization;

	/** Spring Security's defaults, in its order ({@code HeadersConfigurer}). */
	private final List<HeaderWriter> securityHeaders = List.of(new XContentTypeOptionsHeaderWriter(),
			new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
			new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY));

	/** The charset Boot's encoding filter forces on responses, if it does. */
	private final String forcedResponseCharset;

	private final ObservationRegistry observations;

	private final ServerRequestObservationConvention convention;

	/**
	 * The observation as Spring Boot sets it up for its own filter
	 * ({@code WebMvcObservationAutoConfiguration}): its name, a convention of the
	 * application's own, and the registry's filters, predicates and handlers.
	 */
	FilterChainShortcut(SecurityProperties properties, SecurityFilterChain chain, ServerProperties server,
			ObservationRegistry observations, ObservationProperties observationProperties,
			ObjectProvider<ServerRequestObservationConvention> customConvention) {
		this.apiKeys = properties.enabled() ? new ApiKeyAuthentication(properties.apiKeys()) : null;
		this.authorization = chain.getFilters()
			.stream()
			.filter(AuthorizationFilter.class::isInstance)
			.map((filter) -> ((AuthorizationFilter) filter).getAuthorizationManager())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The security filter chain authorizes no request"));
		Encoding encoding = server.getServlet().getEncoding();
		this.forcedResponseCharset = encoding.shouldForce(Encoding.Type.RESPONSE) ? encoding.getCharset().name() : null;
		this.observations = observations;
		String name = observationProperties.getHttp().getServer().getRequests().getName();
		this.convention = customConvention.getIfAvailable(() -> new DefaultServerRequestObservationConvention(name));
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
		Authentication client = (key != null) ? this.apiKeys.authenticatedOrNull(key) : null;
		return (client != null && this.authorization.authorize(() -> client, request).isGranted()) ? client.getName()
				: null;
	}

	/**
	 * Whether every line of the header passes the firewall's check of header values. The
	 * firewall checks a header only when it is read through the chain, so a header the
	 * shortcut reads itself must pass here, or the request is left to the chain.
	 */
	public boolean firewallAllows(HttpServletRequest request, String header) {
		Enumeration<String> lines = request.getHeaders(header);
		while (lines.hasMoreElements()) {
			if (!FirewallCharacters.allowedInValue(lines.nextElement())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Opens the request's log context as the filters would: its id and its client.
	 * @return the request id, for {@link #writeJson}
	 */
	public String openLogContext(HttpServletRequest request, String client) {
		String requestId = RequestIdFilter.requestId(request);
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
	 * Begins Spring's {@code http.server.requests} observation of the request, as its
	 * filter would, for the route {@code pathPattern}. It ends in {@link #writeJson}, or
	 * in Spring's filter after {@link #handOver}.
	 */
	public Observation observe(HttpServletRequest request, HttpServletResponse response, String pathPattern) {
		ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
		context.setPathPattern(pathPattern);
		return ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
			.observation(this.convention, this.convention, () -> context, this.observations)
			.start();
	}

	/**
	 * Leaves a request whose observation has begun to the chain: Spring's filter
	 * ({@code ServerHttpObservationFilter}) takes up the request's observation, if it has
	 * one, instead of beginning a second, and ends it once the chain has answered.
	 */
	public void handOver(HttpServletRequest request, Observation observation) {
		request.setAttribute(OBSERVATION_ATTRIBUTE, observation);
		if (!observation.isNoop()) {
			request.setAttribute(ServerHttpObservationFilter.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE,
					observation.getContext());
		}
	}

	/**
	 * Writes a 200 JSON answer with the headers the chain would add, and ends the
	 * request's observation as Spring's filter would.
	 */
	public void writeJson(HttpServletRequest request, HttpServletResponse response, String requestId, ObjectWriter json,
			Object answer, Observation observation) throws IOException {
		try (Observation.Scope scope = observation.openScope()) {
			byte[] body = json.writeValueAsBytes(answer);
			response.setHeader(RequestIdFilter.HEADER, requestId);
			if (this.forcedResponseCharset != null) {
				response.setCharacterEncoding(this.forcedResponseCharset);
			}
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			for (HeaderWriter writer : this.securityHeaders) {
				writer.writeHeaders(request, response);
			}
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
		}
		catch (IOException | RuntimeException ex) {
			observation.error(ex);
			if (!response.isCommitted()) {
				response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
			}
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
