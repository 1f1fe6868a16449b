package dev.callpermissions.system;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Only the CRM backends named in {@code call-permissions.security.api-keys} get in, by
 * their {@code X-API-Key}; the probes, the OpenAPI document, Swagger UI and the vendors'
 * webhooks (which check signatures of their own) stay open. No sessions, no cookies, no
 * login pages: every request carries its key.
 * <p>
 * A lookup whose answer the replica holds is answered before this chain, after the same
 * key check and this chain's authorization rules ({@link FilterChainShortcut}); a filter
 * added here for {@code GET /call-permissions} must be added there too.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
			"OPTIONS");

	private static final String FILTER_CHAIN = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;

	/** The wrapper: the introspector's filter, then the chain. */
	private static final String MVC_COMPOSITE = "org.springframework.security.config.annotation.web.configuration."
			+ "WebMvcSecurityConfiguration$CompositeFilterChainProxy";

	/**
	 * The other wrapper: the filter that parses the request's path once, then the chain.
	 */
	static final String PATH_COMPOSITE = "org.springframework.security.config.annotation.web.configuration."
			+ "WebSecurityConfiguration$CompositeFilterChainProxy";

	private static final RequestMatcher OPEN_PATHS = new OrRequestMatcher(Stream
		.of("/actuator/health/**", "/actuator/info", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
				// Meta cannot send a key; deliveries are signed instead
				"/webhooks/meta")
		.map(PathPatternRequestMatcher.withDefaults()::matcher)
		.toArray(RequestMatcher[]::new));

	/**
	 * No observation per security filter: it cost a quarter of a cached lookup, and
	 * {@code http.server.requests} already times the whole request.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security 6 wraps its filter chain in a filter that looks up each request's
	 * MVC handler in advance, for {@code MvcRequestMatcher}s and CORS. This service has
	 * neither (its matchers are path patterns), and that extra handler lookup was 7 % of
	 * a cached lookup's CPU, so the chain is unwrapped again. Spring Security 7 no longer
	 * wraps it; {@code SecurityTests} checks which chain serves.
	 * <p>
	 * In a context Spring processed at build time (the image's) the wrapping
	 * post-processors run a second time on what they made then, and the path-parsing
	 * wrapper ended up inside itself: that one is kept once.
	 */
	@Bean
	static BeanFactoryPostProcessor securityFilterChainWithoutAdvanceHandlerLookup() {
		return (beanFactory) -> {
			if (!(beanFactory instanceof BeanDefinitionRegistry registry)
					|| !registry.containsBeanDefinition(FILTER_CHAIN)) {
				return;
			}
			BeanDefinition composite = registry.getBeanDefinition(FILTER_CHAIN);
			if (!MVC_COMPOSITE.equals(composite.getBeanClassName())) {
				return;
			}
			ValueHolder wrapped = composite.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
			if (wrapped == null || !(wrapped.getValue() instanceof List<?> filters)) {
				return;
			}
			filters.stream()
				.filter((filter) -> filter instanceof AbstractBeanDefinition definition
						&& (FILTER_CHAIN.equals(definition.getFactoryMethodName()) || definition.hasBeanClass()
								&& FilterChainProxy.class.isAssignableFrom(definition.getBeanClass())))
				.map(BeanDefinition.class::cast)
				.map(SecurityConfiguration::withPathParsedOnce)
				.findFirst()
				.ifPresent((chain) -> {
					registry.removeBeanDefinition(FILTER_CHAIN);
					registry.registerBeanDefinition(FILTER_CHAIN, chain);
				});
		};
	}

	private static BeanDefinition withPathParsedOnce(BeanDefinition chain) {
		BeanDefinition outer = chain;
		for (BeanDefinition inner = innerPathComposite(outer); inner != null; inner = innerPathComposite(outer)) {
			outer = inner;
		}
		return outer;
	}

	private static BeanDefinition innerPathComposite(BeanDefinition definition) {
		if (!PATH_COMPOSITE.equals(definition.getBeanClassName())) {
			return null;
		}
		ValueHolder wrapped = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
		if (wrapped == null || !(wrapped.getValue() instanceof List<?> filters)) {
			return null;
		}
		return filters.stream()
			.filter((filter) -> filter instanceof BeanDefinition inner
					&& PATH_COMPOSITE.equals(inner.getBeanClassName()))
			.map(BeanDefinition.class::cast)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Path matchers given as strings ({@code requestMatchers("/x")}) are path patterns
	 * too, not {@code MvcRequestMatcher}s, which need the advance handler lookup
	 * unwrapped above.
	 */
	@Bean
	PathPatternRequestMatcher.Builder pathPatternRequestMatchers() {
		return PathPatternRequestMatcher.withDefaults();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, ObjectMapper objectMapper)
			throws Exception {
		AuthenticationEntryPoint unauthenticated = new ProblemEntryPoint(objectMapper);
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthenticated));
		if (!properties.enabled()) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}
		ApiKeyAuthentication apiKeys = new ApiKeyAuthentication(properties.apiKeys());
		AuthenticationFilter apiKeyFilter = new AuthenticationFilter(apiKeys, apiKeys);
		apiKeyFilter.setRequestMatcher(new NegatedRequestMatcher(OPEN_PATHS));
		apiKeyFilter.setSuccessHandler((request, response, authentication) -> {
		});
		apiKeyFilter.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthenticated));
		return http.addFilterAt(apiKeyFilter, BasicAuthenticationFilter.class)
			.addFilterAfter(new OptionalApiKey(apiKeys), BasicAuthenticationFilter.class)
			.addFilterAfter(new ClientLogContext(), AuthorizationFilter.class)
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(OPEN_PATHS)
				.permitAll()
				.anyRequest()
				.authenticated())
			.build();
	}

	/**
	 * Spring Security's default firewall, its character rules checked without regular
	 * expressions ({@link FirewallCharacters}).
	 */
	@Bean
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(FirewallCharacters::allowedInName);
		firewall.setAllowedHeaderValues(FirewallCharacters::allowedInValue);
		firewall.setAllowedParameterNames(FirewallCharacters::allowedInName);
		return firewall;
	}

	/**
	 * Requests the firewall refuses (a method other than the standard ones, TRACE among
	 * them, or an encoded path trick) get a problem too: without this, their error
	 * dispatch was refused again and they got an empty body.
	 */
	@Bean
	RequestRejectedHandler problemForRejectedRequests(ObjectMapper objectMapper) {
		return (request, response, rejection) -> {
			boolean method = !STANDARD_METHODS.contains(request.getMethod());
			Problems.write(objectMapper, response, method ? ErrorCode.METHOD_NOT_ALLOWED : ErrorCode.INVALID_REQUEST,
					method ? "The method is not allowed." : Problems.UNREADABLE_REQUEST, request);
		};
	}

	/**
	 * The open paths need no key, but an authenticated client sees more of them (the
	 * health details); a wrong key there is ignored rather than refused.
	 */
	private static final class OptionalApiKey extends OncePerRequestFilter {

		private final ApiKeyAuthentication apiKeys;

		OptionalApiKey(ApiKeyAuthentication apiKeys) {
			this.apiKeys = apiKeys;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return request.getHeader(ApiKeyAuthentication.HEADER) == null || !OPEN_PATHS.matches(request);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			try {
				Authentication client = this.apiKeys.authenticate(this.apiKeys.convert(request));
				SecurityContextHolder.getContext().setAuthentication(client);
			}
			catch (AuthenticationException ex) {
				// an open path stays open
			}
			chain.doFilter(request, response);
		}

	}

	/**
	 * 401 {@code UNAUTHENTICATED} as a problem, for a missing and a wrong key alike.
	 */
	private record ProblemEntryPoint(ObjectMapper objectMapper) implements AuthenticationEntryPoint {

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
				throws IOException {
			response.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeyAuthentication.HEADER + "\"");
			Problems.write(this.objectMapper, response, ErrorCode.UNAUTHENTICATED,
					"Send a valid API key in the " + ApiKeyAuthentication.HEADER + " header.", request);
		}

	}

	/**
	 * Names the authenticated client in every log line and for the metrics.
	 */
	private static final class ClientLogContext extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
				chain.doFilter(request, response);
				return;
			}
			MDC.put(LogContext.CLIENT, authentication.getName());
			try {
				chain.doFilter(request, response);
			}
			finally {
				MDC.remove(LogContext.CLIENT);
			}
		}

	}

}
