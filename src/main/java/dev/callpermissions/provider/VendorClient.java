package dev.callpermissions.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.callpermissions.provider.ProviderException.VendorError;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One account's HTTP connection to its vendor, and the exchange every adapter shares:
 * sends a GET, reads the whole answer, turns I/O failures into
 * {@link ProviderException}s, lets the vendor classify an error answer and read a
 * successful one, and turns an answer that cannot be read into a failure. The vendor
 * supplies only its path, its authentication (set once on the client) and those two
 * functions.
 */
public final class VendorClient {

	/** Larger answers are not call-permission answers; refusing them bounds memory. */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	private final String providerId;

	private final String accountName;

	/**
	 * Rate limits are per second at the vendors that document theirs; wait one when they
	 * name no time.
	 */
	private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

	/**
	 * More than the adapters' templates: Kaleyra's vary with the numbers in a request.
	 */
	private static final int MAX_TEMPLATES = 256;

	private final RestClient restClient;

	private final String baseUrl;

	/**
	 * Each URI template, parsed and encoded once: parsing it again for each call cost a
	 * vendor call about a tenth of its CPU (issue 19).
	 */
	private final Map<String, UriComponents> templates = new ConcurrentHashMap<>();

	private final Deadlines deadlines;

	/** One call's time limit, from asking for a connection to the answer's last byte. */
	private final Duration timeout;

	private final Clock clock;

	private final VendorCallMetrics metrics;

	VendorClient(String providerId, String accountName, RestClient restClient, URI baseUrl, Deadlines deadlines,
			Duration timeout, Clock clock, VendorCallMetrics metrics) {
		this.providerId = providerId;
		this.accountName = accountName;
		this.restClient = restClient;
		this.baseUrl = baseUrl.toString();
		this.deadlines = deadlines;
		this.timeout = timeout;
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * Sends a GET and reads the answer: an unsuccessful status is classified by
	 * {@code errors}, a successful answer read by {@code answers}. An answer that is not
	 * JSON is a {@code PROVIDER_ERROR}; well-formed JSON of the wrong shape, a value of
	 * the wrong type or a timestamp that is none would be the same if asked again, so it
	 * is not retried.
	 * @throws ProviderException for every failure
	 */
	public <T> T exchange(AnswerReader<T> answers, ErrorClassifier errors, String uriTemplate, Object... uriVariables) {
		VendorResponse response = get(uriTemplate, uriVariables);
		if (!response.isSuccessful()) {
			throw failure(errors.classify(response), response);
		}
		try {
			return answers.read(response);
		}
		catch (IOException ex) {
			if (!wellFormed(ex)) {
				throw failure(ProviderFailure.ERROR,
						new VendorError(response.status(), null, "unparseable answer", null), ex);
			}
			if (new String(response.body(), StandardCharsets.UTF_8).isBlank()) {
				// no JSON at all, as a broken proxy sends: worth asking again
				throw failure(ProviderFailure.ERROR, new VendorError(response.status(), null, "empty answer", null),
						ex);
			}
			throw failure(ProviderFailure.UNUSABLE_ANSWER,
					new VendorError(response.status(), null, "unreadable value", null), ex);
		}
		catch (DateTimeException ex) {
			throw failure(ProviderFailure.UNUSABLE_ANSWER,
					new VendorError(response.status(), null, "unreadable timestamp", null), ex);
		}
	}

	/**
	 * Whether the answer was JSON that cannot be read as it stands: a value of the wrong
	 * type, or a number too large for its field (which Jackson wraps when it meets it
	 * inside an object).
	 */
	private static boolean wellFormed(IOException ex) {
		return ex instanceof MismatchedInputException || ex instanceof InputCoercionException
				|| (ex instanceof JsonMappingException && ex.getCause() instanceof InputCoercionException);
	}

	/**
	 * Sends a GET; {@code uriVariables} are percent-encoded strictly, so a {@code +}
	 * arrives as {@code %2B}.
	 */
	VendorResponse get(String uriTemplate, Object... uriVariables) {
		long started = System.nanoTime();
		String outcome = "error";
		Deadlines.Work call = this.deadlines.beginOnThisThread(this.timeout);
		try {
			VendorResponse response = this.restClient.get()
				.uri(uri(uriTemplate, uriVariables))
				.exchange((request, answer) -> new VendorResponse(answer.getStatusCode().value(), answer.getHeaders(),
						readBody(answer.getBody(), declaredLength(answer.getHeaders()))));
			outcome = outcome(response.status());
			return response;
		}
		catch (ResourceAccessException ex) {
			if (isTimeout(ex, call.overdue())) {
				outcome = "timeout";
				throw failure(ProviderFailure.TIMEOUT, null, ex);
			}
			outcome = "unreachable";
			throw new ProviderException(ProviderFailure.UNAVAILABLE, this.providerId, this.accountName, null,
					DEFAULT_RETRY_AFTER, ex);
		}
		catch (RuntimeException ex) {
			if (ex instanceof ProviderException || !call.overdue()) {
				throw ex;
			}
			// cancelled while connecting, the client finds its connection gone
			outcome = "timeout";
			throw failure(ProviderFailure.TIMEOUT, null, ex);
		}
		finally {
			call.close();
			this.metrics.record(outcome, System.nanoTime() - started);
		}
	}

	/**
	 * The template below the base URL, expanded as Spring's
	 * {@code DefaultUriBuilderFactory} expands it in its {@code TEMPLATE_AND_VALUES}
	 * mode: the template encoded, each value encoded strictly.
	 */
	URI uri(String uriTemplate, Object... uriVariables) {
		UriComponents template = this.templates.get(uriTemplate);
		if (template == null) {
			template = UriComponentsBuilder.fromUriString(this.baseUrl)
				.uriComponents(UriComponentsBuilder.fromUriString(uriTemplate).build())
				.encode()
				.build();
			if (this.templates.size() < MAX_TEMPLATES) {
				this.templates.putIfAbsent(uriTemplate, template);
			}
		}
		return URI.create(template.expand(uriVariables).toString());
	}

	private static String outcome(int status) {
		if (status >= 200 && status < 300) {
			return "success";
		}
		if (status == 429) {
			return "throttled";
		}
		return (status >= 500) ? "server_error" : "client_error";
	}

	/**
	 * A failure the vendor answered with; a rate limit carries the vendor's
	 * {@code Retry-After}, or one second.
	 */
	public ProviderException failure(ProviderFailure failure, VendorError vendorError, VendorResponse response) {
		Duration retryAfter = null;
		if (failure == ProviderFailure.RATE_LIMITED) {
			retryAfter = response.retryAfter(this.clock.instant());
			retryAfter = (retryAfter != null) ? retryAfter : DEFAULT_RETRY_AFTER;
		}
		return new ProviderException(failure, this.providerId, this.accountName, vendorError, retryAfter, null);
	}

	/**
	 * A failure the vendor answered with, as its classifier read it.
	 */
	public ProviderException failure(VendorFailure failure, VendorResponse response) {
		return failure(failure.failure(), failure.error(), response);
	}

	/**
	 * A successful answer without what every answer must hold: a vendor fault.
	 */
	public ProviderException incomplete(VendorResponse response, String vendorCode, String what) {
		return failure(ProviderFailure.ERROR, new VendorError(response.status(), vendorCode, what, null),
				(Throwable) null);
	}

	/**
	 * A failure without a usable vendor answer.
	 */
	public ProviderException failure(ProviderFailure failure, VendorError vendorError, Throwable cause) {
		return new ProviderException(failure, this.providerId, this.accountName, vendorError, null, cause);
	}

	/**
	 * Reads a vendor's successful answer; an {@link IOException} means it could not be
	 * parsed.
	 */
	@FunctionalInterface
	public interface AnswerReader<T> {

		T read(VendorResponse response) throws IOException;

	}

	/**
	 * Tells what a vendor's unsuccessful answer means, from its status and error body.
	 */
	@FunctionalInterface
	public interface ErrorClassifier {

		VendorFailure classify(VendorResponse response);

	}

	/**
	 * What a vendor's error answer means: the kind of failure and the vendor's own words.
	 *
	 * @param failure the kind of failure
	 * @param error the vendor's status, code, message and reference
	 */
	public record VendorFailure(ProviderFailure failure, VendorError error) {
	}

	/**
	 * The body's length as the vendor declared it, or -1: a chunked body is read as
	 * chunks, whatever {@code Content-Length} also says.
	 */
	private static long declaredLength(HttpHeaders headers) {
		return headers.containsKey(HttpHeaders.TRANSFER_ENCODING) ? -1 : headers.getContentLength();
	}

	/**
	 * The whole body; as long as the vendor declared, when it did, and no buffer larger.
	 */
	private byte[] readBody(InputStream body, long declaredLength) throws IOException {
		byte[] bytes = (declaredLength >= 0 && declaredLength <= MAX_BODY_BYTES) ? body.readNBytes((int) declaredLength)
				: body.readNBytes(MAX_BODY_BYTES + 1);
		if (bytes.length > MAX_BODY_BYTES) {
			throw failure(ProviderFailure.ERROR, new VendorError(null, null, "response larger than 1 MiB", null),
					(Throwable) null);
		}
		return bytes;
	}

	/**
	 * A vendor that accepted the call but did not answer in time: the call cut at its
	 * deadline. One that could not be connected to at all, or no connection free in time,
	 * is unavailable instead.
	 */
	private static boolean isTimeout(Throwable ex, boolean overdue) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectTimeoutException || cause instanceof ConnectionRequestTimeoutException) {
				return false;
			}
		}
		return overdue;
	}

}
