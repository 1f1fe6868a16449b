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
	 * and {@code selectors} still apply. A selector keeps producing; see
	 * {@link SelectorKeepsProducing}.
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
			VirtualThreadPool threads = new SelectorKeepsProducing();
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

	/**
	 * A pool that never lends a selector a thread to hand its producing over to, so each
	 * selector stays the one producer and starts every request's thread itself.
	 * <p>
	 * Why: by default a selector that finds a request gives its producing to a new thread
	 * and runs the request itself, so under load every request starts one more thread,
	 * each from a different thread. JDK 25's scheduler on one carrier keeps taking work
	 * from the submission queue it found work in until that queue is empty, and with
	 * starts coming from everywhere it never was: under a steady load of hits a new
	 * connection waited 2.8-3.9 s for its first byte, a lookup with a vendor call up to
	 * 12 s, a 1 ms sleep once 29 s, and a thread dump held about 1,000 started request
	 * threads that had never run. With every start from the selector, the starts queue in
	 * order in one place, that queue empties between the selector's rounds, and the same
	 * requests took 8-57 ms (docs/performance.md). Measured on JDK 25, which the image
	 * runs. Only Jetty's {@code AdaptiveExecutionStrategy} asks {@code tryExecute}:
	 * blocking tasks (servlet requests) are now always produced, executed and consumed;
	 * tasks that may run either way now run on the selector's thread, as non-blocking.
	 */
	static final class SelectorKeepsProducing extends VirtualThreadPool {

		@Override
		public boolean tryExecute(Runnable task) {
			return false;
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
					+ ",\"detail\":\"" + Problems.UNREADABLE_REQUEST + "\",\"code\":\"" + code.name()
					+ "\",\"requestId\":\"" + requestId + "\"}";
			response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
			response.getHeaders().put(RequestIdFilter.HEADER, requestId);
			response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
		}

	}

}
