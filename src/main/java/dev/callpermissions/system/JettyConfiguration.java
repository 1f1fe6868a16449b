package dev.callpermissions.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

import org.springframework.boot.web.embedded.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.embedded.jetty.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Runs Jetty on virtual threads no request can run out of, and makes Jetty's own error
 * reports problem documents too.
 */
@Configuration(proxyBeanMethods = false)
class JettyConfiguration {

	/**
	 * Jetty's selectors and every request run on virtual threads of one pool with no cap.
	 * Boot's default pool caps them together at {@code server.jetty.threads.max}:
	 * requests blocked on slow bodies then held every permit, the selectors that would
	 * have woken them waited for one, and the whole server, probes included, hung.
	 * Without the cap nothing waits for a permit. A connection carries one request at a
	 * time, so there are as many request threads as connections with a request under way
	 * (no connection limit is set), each ended by the body's deadlines. Keeping the
	 * selectors on platform threads of their own instead made every request cross from
	 * one thread to another (163 µs of CPU for a cached lookup against 112 on this pool,
	 * Serial collector, JDK 25). Of {@code server.jetty.threads.*} only {@code acceptors}
	 * and {@code selectors} still apply.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> requestsOnVirtualThreads() {
		return new RequestsOnVirtualThreads();
	}

	private record RequestsOnVirtualThreads()
			implements
				WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory>,
				Ordered {

		@Override
		public void customize(ConfigurableJettyWebServerFactory factory) {
			VirtualThreadPool threads = new VirtualThreadPool();
			threads.setName("jetty-");
			threads.setMaxThreads(0);
			factory.setThreadPool(threads);
		}

		/** After Boot's own virtual-thread pool (order 1), which this one replaces. */
		@Override
		public int getOrder() {
			return 2;
		}

	}

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
