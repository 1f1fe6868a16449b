package dev.callpermissions.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.RequestContextFilter;

/**
 * Leaves out the filter Boot adds to bind the request to the thread for the filters
 * before the {@code DispatcherServlet}. None of them reads it (they are handed the
 * request), and the {@code DispatcherServlet} binds it again for everything after, so the
 * filter cost every request its time and objects for nothing.
 */
@Configuration(proxyBeanMethods = false)
class RequestContextConfiguration {

	@Bean
	FilterRegistrationBean<RequestContextFilter> requestContextFilter() {
		FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(
				new RequestContextFilter());
		registration.setEnabled(false);
		return registration;
	}

}
