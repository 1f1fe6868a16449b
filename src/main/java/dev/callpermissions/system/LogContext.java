package dev.callpermissions.system;

/**
 * The keys this service puts in the logging MDC; the log pattern and the structured log
 * lines name the same fields.
 */
public final class LogContext {

	/** The request's {@code X-Request-Id}. */
	public static final String REQUEST_ID = "requestId";

	/** The authenticated client's name, never its key. */
	public static final String CLIENT = "client";

	/** The (masked) user of the lookup under way. */
	public static final String USER = "user";

	private LogContext() {
	}

}
