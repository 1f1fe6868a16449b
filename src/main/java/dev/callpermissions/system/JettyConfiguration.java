package dev.callpermissions.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Jetty's own error reports problem documents too.
 */
@Configuration(proxyBeanMethods = false)
class JettyConfiguration {

	@Bean
	WebServerFactoryCustomizer<JettyServletWebServerFactory> problemErrorReports() {
		return (factory) -> factory.addServerCustomizers((server) -> server.setErrorHandler(new ProblemErrorHandler()));
	}

	/**
	 * Jetty's last resort, for requests it rejects before any servlet sees them (a
	 * malformed request line, header or path): the same problem shape as everywhere else,
	 * whatever the request accepts, instead of an HTML page.
	 */
	static final class ProblemErrorHandler extends ErrorHandler {

		@Override
		protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
				Callback callback) {
			ErrorCode code = ErrorCode.forStatus(status);
			String requestId = RequestIdFilter.newRequestId();
			String body = "{\"type\":\"" + code.type() + "\",\"title\":\"" + code.title() + "\",\"status\":" + status
					+ ",\"detail\":\"The request could not be read.\",\"code\":\"" + code.name() + "\",\"requestId\":\""
					+ requestId + "\"}";
			response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
			response.getHeaders().put(RequestIdFilter.HEADER, requestId);
			response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
		}

	}

}
