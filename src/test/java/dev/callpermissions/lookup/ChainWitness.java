package dev.callpermissions.lookup;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * A filter right behind {@link PlainLookupFilter}, ahead of everything else: it counts
 * the requests that reached the filter chain.
 */
@TestConfiguration(proxyBeanMethods = false)
class ChainWitness {

	static final AtomicInteger REACHED_CHAIN = new AtomicInteger();

	@Bean
	FilterRegistrationBean<Filter> chainWitness() {
		Filter witness = (ServletRequest request, ServletResponse response, FilterChain chain) -> {
			REACHED_CHAIN.incrementAndGet();
			chain.doFilter(request, response);
		};
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(witness);
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
