package dev.callpermissions.system;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Writes the console's lines from one platform thread of Logback's {@link AsyncAppender},
 * right after Spring Boot has set logging up: a request's virtual thread only hands its
 * line over. Written by the virtual thread itself, each line was a blocking file write,
 * for which the JDK's scheduler brought in another carrier thread every time, and the one
 * line per vendor call cost a cache miss a fifth of its CPU (docs/performance.md). Lines
 * keep their order, thread and request context (taken when they are logged); none is
 * dropped: a full queue makes the logging thread wait. Those still queued are written
 * when the service stops, but lost if the JVM is killed or ends on an
 * {@link OutOfMemoryError}. {@value #ENABLED} {@code false} writes each line on the
 * thread that logs it.
 */
public class AsyncConsoleLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** Whether the console is written this way (default {@code true}). */
	public static final String ENABLED = "call-permissions.logging.async-console";

	static final String CONSOLE = "CONSOLE";

	static final String ASYNC_CONSOLE = "ASYNC_CONSOLE";

	/** Lines waiting at most: about a tenth of a second of cache misses on one core. */
	private static final int QUEUE_SIZE = 1024;

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		String enabled = event.getEnvironment().getProperty(ENABLED, "true").strip();
		if (!enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
			throw new InvalidConfigurationException(ENABLED, "must be true or false, not '" + enabled + "'");
		}
		ILoggerFactory loggers = LoggerFactory.getILoggerFactory();
		if (enabled.equalsIgnoreCase("true") && loggers instanceof LoggerContext context) {
			writeConsoleFromOneThread(context);
		}
	}

	/**
	 * Puts the root logger's console appender behind an {@link AsyncAppender}, unless it
	 * is there already or there is none.
	 */
	static void writeConsoleFromOneThread(LoggerContext context) {
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		Appender<ILoggingEvent> console = root.getAppender(CONSOLE);
		if (console == null || root.getAppender(ASYNC_CONSOLE) != null) {
			return;
		}
		AsyncAppender async = new AsyncAppender();
		async.setContext(context);
		async.setName(ASYNC_CONSOLE);
		async.setQueueSize(QUEUE_SIZE);
		// never drop a line, whatever its level
		async.setDiscardingThreshold(0);
		async.addAppender(console);
		async.start();
		root.addAppender(async);
		root.detachAppender(console);
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

}
