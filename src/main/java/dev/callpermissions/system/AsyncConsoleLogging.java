package dev.callpermissions.system;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Writes the console's lines from one platform thread ({@link BatchedConsoleAppender}),
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
	 * Puts the root logger's console appender behind a {@link BatchedConsoleAppender},
	 * unless it is there already or there is none that writes a stream.
	 */
	static void writeConsoleFromOneThread(LoggerContext context) {
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		Appender<ILoggingEvent> console = root.getAppender(CONSOLE);
		if (!(console instanceof OutputStreamAppender<ILoggingEvent> stream)
				|| root.getAppender(ASYNC_CONSOLE) != null) {
			return;
		}
		BatchedConsoleAppender batched = new BatchedConsoleAppender(stream);
		batched.setContext(context);
		batched.setName(ASYNC_CONSOLE);
		batched.start();
		root.addAppender(batched);
		root.detachAppender(console);
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

}
