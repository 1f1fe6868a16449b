package dev.callpermissions.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a request body may be, checked before anything reads one: never a form or
 * multipart (the service has no such endpoint, and their parsers read whole bodies,
 * before the client is known, into memory or {@code /tmp}); at most 64 KiB, a batch of
 * 100 lookups with room to spare, or 1 MiB for vendor webhooks; and sent within 10
 * seconds. Limits are enforced while reading, so a body without a {@code Content-Length}
 * is bounded too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestBodyGuard extends OncePerRequestFilter {

	static final int MAX_BODY_BYTES = 64 * 1024;

	/**
	 * A byte past the webhooks' 1 MiB: their endpoint checks the length and reads that
	 * far itself, so that it refuses and counts a larger delivery as a webhook event.
	 */
	static final int MAX_WEBHOOK_BODY_BYTES = 1024 * 1024 + 1;

	static final long MAX_READ_NANOS = 10_000_000_000L;

	private final ObjectMapper objectMapper;

	RequestBodyGuard(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
			// no body: nothing to refuse or bound, and no wrapper on the lookups' hot
			// path
			chain.doFilter(request, response);
			return;
		}
		String contentType = request.getContentType();
		if (contentType != null && isFormOrMultipart(contentType)) {
			Problems.write(this.objectMapper, response, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
					"This service accepts no forms or multipart bodies; send application/json.", request);
			return;
		}
		boolean webhook = request.getRequestURI().startsWith("/webhooks/");
		int limit = webhook ? MAX_WEBHOOK_BODY_BYTES : MAX_BODY_BYTES;
		if (length > limit && !webhook) {
			Problems.write(this.objectMapper, response, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge(limit), request);
			return;
		}
		chain.doFilter(new BoundedBodyRequest(request, limit), response);
	}

	private static boolean isFormOrMultipart(String contentType) {
		String type = contentType.strip().toLowerCase(Locale.ROOT);
		return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
	}

	static String tooLarge(int limit) {
		return "The request body is larger than " + (limit / 1024) + " KiB.";
	}

	/**
	 * A request whose body stream fails once it passes the limit or the time allowed.
	 */
	private static final class BoundedBodyRequest extends HttpServletRequestWrapper {

		private final int limit;

		private BoundedStream stream;

		BoundedBodyRequest(HttpServletRequest request, int limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new BoundedStream(super.getInputStream(), this.limit, System.nanoTime());
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	private static final class BoundedStream extends ServletInputStream {

		private final ServletInputStream body;

		private final int limit;

		private final long startedNanos;

		private long read;

		BoundedStream(ServletInputStream body, int limit, long startedNanos) {
			this.body = body;
			this.limit = limit;
			this.startedNanos = startedNanos;
		}

		@Override
		public int read() throws IOException {
			int next = this.body.read();
			count((next < 0) ? 0 : 1);
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.body.read(buffer, offset, length);
			count(Math.max(0, count));
			return count;
		}

		private void count(int bytes) {
			this.read += bytes;
			if (this.read > this.limit) {
				throw new BodyRefusedException(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge(this.limit));
			}
			if (System.nanoTime() - this.startedNanos > MAX_READ_NANOS) {
				throw new BodyRefusedException(ErrorCode.REQUEST_TIMEOUT,
						"The request body was not sent within " + (MAX_READ_NANOS / 1_000_000_000L) + " seconds.");
			}
		}

		@Override
		public boolean isFinished() {
			return this.body.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.body.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.body.setReadListener(listener);
		}

	}

	/**
	 * Unchecked, so that it passes through the JSON reader to the problem handler as it
	 * is.
	 */
	static final class BodyRefusedException extends RefusedRequestException {

		BodyRefusedException(ErrorCode errorCode, String message) {
			super(errorCode, message);
		}

	}

}
