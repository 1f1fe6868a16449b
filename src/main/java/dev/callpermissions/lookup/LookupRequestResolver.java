package dev.callpermissions.lookup;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Binds {@code GET /call-permissions}'s query to a {@link LookupRequest} by reading its
 * three parameters. Spring's model-attribute binding would build a data binder for every
 * request, and halved the cached lookups a core can serve; the record's components still
 * document the parameters ({@code @ParameterObject}).
 */
@Configuration(proxyBeanMethods = false)
class LookupRequestResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == LookupRequest.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binders) {
		return new LookupRequest(request.getParameter("businessNumber"), request.getParameter("userNumber"),
				request.getParameter("userId"));
	}

}
