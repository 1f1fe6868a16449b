package dev.callpermissions.lookup;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callpermissions.system.FilterChainShortcut;
import jakarta.servlet.ServletContext;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletPath;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link PlainLookupFilter} first, and on the lookup's path only.
 */
@Configuration(proxyBeanMethods = false)
class PlainLookupConfiguration {

	private static final String FILTER = "plainLookupFilter";

	@Bean(FILTER)
	PlainLookupFilter plainLookupFilter(CallPermissionService service, FilterChainShortcut shortcut,
			ObjectMapper objectMapper, Clock clock, ServletContext servletContext, DispatcherServletPath servletPath,
			ServerProperties server) {
		// Spring's ForwardedHeaderFilter, which tells the header writers whether the
		// client's connection was secure, would run after it
		boolean serves = server.getForwardHeadersStrategy() != ServerProperties.ForwardHeadersStrategy.FRAMEWORK;
		return new PlainLookupFilter(serves,
				servletContext.getContextPath() + servletPath.getRelativePath(PlainLookupFilter.PATH), service,
				shortcut, objectMapper, clock);
	}

	/**
	 * Registered by name, as Spring Security's chain is: the web server starts before the
	 * filter and the beans it needs are made, so a setting they refuse fails the start
	 * with its own message rather than as a web server that could not start.
	 */
	@Bean
	DelegatingFilterProxyRegistrationBean plainLookupFilterRegistration(DispatcherServletPath servletPath) {
		DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean(FILTER);
		registration.addUrlPatterns(servletPath.getRelativePath(PlainLookupFilter.PATH));
		// a registration sorts before an adapted filter bean of the same order
		// (ServletContextInitializerBeans), so before the character encoding and request
		// id filters too
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
