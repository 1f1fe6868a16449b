package dev.callpermissions.system;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.filter.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.mock.env.MockEnvironment;

import static dev.callpermissions.HttpExchange.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The console is written by one platform thread, never by a request's virtual thread, and
 * loses no line on the way: each keeps its request context.
 */
class AsyncConsoleLoggingTests {

	@Test
	void linesLoggedOnVirtualThreadsAreWrittenByAPlatformThreadWithTheirRequestContext() throws Exception {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(MDC.getMDCAdapter());
		RecordingConsole console = new RecordingConsole(context);
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(console);

		AsyncConsoleLogging.writeConsoleFromOneThread(context);
		AsyncConsoleLogging.writeConsoleFromOneThread(context);
		for (Thread thread : logOnVirtualThreads(context, 0, 200)) {
			thread.join();
		}
		boolean queued = root.getAppender(AsyncConsoleLogging.ASYNC_CONSOLE) != null;
		boolean besideTheQueue = root.getAppender(AsyncConsoleLogging.CONSOLE) != null;
		context.stop();

		assertThat(queued).isTrue();
		assertThat(besideTheQueue).isFalse();
		assertThat(console.writtenOnVirtualThread).isFalse();
		assertThat(console.lines()).hasSize(200)
			.allSatisfy((line) -> assertThat(line).matches("request-(\\d+) virtual-\\1 Vendor call \\1"));
		assertThat(console.isStarted()).as("stopped with the context").isFalse();
	}

	@Test
	void linesLoggedWhileTheConsoleIsBeingWrittenGoOutTogetherInOneWrite() throws Exception {
		RecordingConsole console = consoleBehindTheWriter();
		LoggerContext context = console.context;

		holdTheWriterInItsFirstWrite(console);
		for (Thread thread : logOnVirtualThreads(context, 1, 199)) {
			assertThat(thread.join(Duration.ofSeconds(10))).as("logged without waiting for the write").isTrue();
		}
		console.releaseWrites();
		context.stop();

		assertThat(console.writes).hasSize(2);
		assertThat(console.lines()).hasSize(200);
	}

	@Test
	void aFullQueueMakesTheLoggingThreadsWaitAndNoLineIsDropped() throws Exception {
		RecordingConsole console = consoleBehindTheWriter();
		LoggerContext context = console.context;

		holdTheWriterInItsFirstWrite(console);
		List<Thread> threads = logOnVirtualThreads(context, 1, BatchedConsoleAppender.CAPACITY + 100);
		await().atMost(Duration.ofSeconds(10)).until(() -> threads.stream().filter(Thread::isAlive).count() == 100);
		console.releaseWrites();
		for (Thread thread : threads) {
			thread.join();
		}
		context.stop();

		assertThat(console.lines()).hasSize(BatchedConsoleAppender.CAPACITY + 101).doesNotHaveDuplicates();
	}

	@Test
	void theConsolesFiltersDecideBeforeALineIsQueued() throws Exception {
		ThresholdFilter warnings = new ThresholdFilter();
		warnings.setLevel("WARN");
		warnings.start();
		RecordingConsole console = consoleBehindTheWriter(warnings);
		LoggerContext context = console.context;
		console.holdWrites();
		context.getLogger("dev.callpermissions").warn("Vendor call 0");
		console.awaitHeldWrite();

		// more than the queue holds, while the writer is busy: none of them waits
		for (Thread thread : logOnVirtualThreads(context, 1, BatchedConsoleAppender.CAPACITY + 10)) {
			assertThat(thread.join(Duration.ofSeconds(10))).isTrue();
		}
		console.releaseWrites();
		context.stop();

		assertThat(console.lines()).singleElement().asString().endsWith(" Vendor call 0");
	}

	@Test
	void aLineLongerThanOneWriteIsWrittenWholeAndInOrder() {
		RecordingConsole console = consoleBehindTheWriter();
		LoggerContext context = console.context;
		String longLine = "x".repeat(100_000);

		context.getLogger("dev.callpermissions").info("before");
		context.getLogger("dev.callpermissions").info(longLine);
		context.getLogger("dev.callpermissions").info("after");
		context.stop();

		assertThat(console.lines()).hasSize(3);
		assertThat(console.lines().get(0)).endsWith(" before");
		assertThat(console.lines().get(1)).endsWith(" " + longLine);
		assertThat(console.lines().get(2)).endsWith(" after");
		assertThat(console.writes)
			.allSatisfy((write) -> assertThat(write.length() <= 64 * 1024 || write.lines().count() == 1)
				.as("a write over 64 KiB holds one line")
				.isTrue());
	}

	@Test
	void afterTheWriterEndsOnAnErrorTheLoggingThreadsWriteTheirLinesThemselves() {
		RecordingConsole console = consoleBehindTheWriter();
		LoggerContext context = console.context;

		context.getLogger("dev.callpermissions").info(RecordingConsole.FATAL);
		// the writer's error is what this test causes
		await().dontCatchUncaughtExceptions()
			.atMost(Duration.ofSeconds(10))
			.until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((thread) -> thread.getName().equals(BatchedConsoleAppender.WRITER_NAME)));
		context.getLogger("dev.callpermissions").info("Vendor call 2");

		assertThat(console.lines()).singleElement().asString().endsWith(" Vendor call 2");
		context.stop();
	}

	@Test
	void aLineTheEncoderCannotWriteIsSkippedAndTheLinesAfterItAreWritten() {
		RecordingConsole console = consoleBehindTheWriter();
		LoggerContext context = console.context;

		context.getLogger("dev.callpermissions").info(RecordingConsole.UNWRITABLE);
		context.getLogger("dev.callpermissions").info("Vendor call 2");
		context.stop();

		assertThat(console.lines()).singleElement().asString().endsWith(" Vendor call 2");
	}

	@Test
	void stoppingOnAnInterruptedThreadStillWritesEveryQueuedLineAndKeepsTheInterrupt() throws Exception {
		RecordingConsole console = consoleBehindTheWriter();
		LoggerContext context = console.context;
		holdTheWriterInItsFirstWrite(console);
		for (Thread thread : logOnVirtualThreads(context, 1, 199)) {
			thread.join();
		}
		Thread stopping = Thread.currentThread();
		Thread.ofVirtual().start(() -> {
			// released only once the stop waits for the writer
			await().atMost(Duration.ofSeconds(10)).until(() -> stopping.getState() == Thread.State.TIMED_WAITING);
			console.releaseWrites();
		});

		Thread.currentThread().interrupt();
		context.stop();

		assertThat(Thread.interrupted()).as("the interrupt kept").isTrue();
		assertThat(console.lines()).hasSize(200);
	}

	@Test
	void aValueOtherThanTrueOrFalseStopsTheStartNamingTheKey() {
		MockEnvironment environment = new MockEnvironment().withProperty(AsyncConsoleLogging.ENABLED, "flase");

		assertThatThrownBy(() -> new AsyncConsoleLogging().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
				new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment)))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("call-permissions.logging.async-console: must be true or false, not 'flase'");
	}

	@Test
	void theServiceWritesItsConsoleFromOnePlatformThreadAndEveryVendorCallLineReachesIt(@TempDir Path directory)
			throws Exception {
		int port = ServiceProcess.freePort();
		Path log = directory.resolve("service.log");
		// one vendor call a lookup, and fewer lookups than the circuit breaker's ten
		// calls
		Process service = ServiceProcess.start(port, log, "--resilience4j.retry.configs.default.max-attempts=1");
		try {
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> get(port, "/actuator/health").statusCode() == 200);
			for (int i = 0; i < 8; i++) {
				assertThat(
						get(port, "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B1305776" + (5500 + i),
								"X-API-Key", "the-key", "X-Request-Id", "queued-" + i)
							.statusCode())
					.isEqualTo(503);
			}
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					String.valueOf(service.pid()), "Thread.print")
				.redirectErrorStream(true)
				.start();
			String threads = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			jcmd.waitFor();
			assertThat(threads).contains("\"" + BatchedConsoleAppender.WRITER_NAME + "\"");
		}
		finally {
			service.destroy();
			service.waitFor();
		}

		List<String> vendorCalls = Files.readAllLines(log)
			.stream()
			.filter((line) -> line.contains("Vendor call provider=meta"))
			.toList();
		assertThat(vendorCalls).hasSize(8);
		assertThat(vendorCalls).allSatisfy((line) -> assertThat(line).containsPattern("\\[queued-\\d+ crm \\+1305"));
		assertThat(Files.readString(log)).contains("Graceful shutdown complete");
	}

	/** Boot's console stand-in behind the writer, on a context of its own. */
	@SafeVarargs
	private static RecordingConsole consoleBehindTheWriter(Filter<ILoggingEvent>... filters) {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(MDC.getMDCAdapter());
		RecordingConsole console = new RecordingConsole(context);
		for (Filter<ILoggingEvent> filter : filters) {
			console.addFilter(filter);
		}
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(console);
		AsyncConsoleLogging.writeConsoleFromOneThread(context);
		return console;
	}

	/** Logs line 0 and returns once the writer is held inside writing it. */
	private static void holdTheWriterInItsFirstWrite(RecordingConsole console) throws InterruptedException {
		console.holdWrites();
		logOnVirtualThreads(console.context, 0, 1).get(0).join();
		console.awaitHeldWrite();
	}

	private static List<Thread> logOnVirtualThreads(LoggerContext context, int first, int count) {
		return IntStream.range(first, first + count)
			.mapToObj((i) -> Thread.ofVirtual().name("virtual-" + i).start(() -> {
				MDC.put("requestId", "request-" + i);
				try {
					context.getLogger("dev.callpermissions.provider.VendorClient").info("Vendor call {}", i);
				}
				finally {
					MDC.clear();
				}
			}))
			.toList();
	}

	/**
	 * Stands in for Spring Boot's console appender: its stream records each write and
	 * whether a virtual thread made it, and can be held inside a write.
	 */
	private static final class RecordingConsole extends OutputStreamAppender<ILoggingEvent> {

		/** A message the encoder fails on. */
		static final String UNWRITABLE = "unwritable";

		/** A message the encoder fails on with an {@link Error}. */
		static final String FATAL = "fatal";

		final List<String> writes = Collections.synchronizedList(new ArrayList<>());

		volatile boolean writtenOnVirtualThread;

		private volatile CountDownLatch held = new CountDownLatch(0);

		private final CountDownLatch inHeldWrite = new CountDownLatch(1);

		final LoggerContext context;

		RecordingConsole(LoggerContext context) {
			this.context = context;
			setContext(context);
			setName(AsyncConsoleLogging.CONSOLE);
			PatternLayoutEncoder encoder = new PatternLayoutEncoder() {

				@Override
				public byte[] encode(ILoggingEvent event) {
					if (UNWRITABLE.equals(event.getMessage())) {
						throw new IllegalStateException("cannot encode");
					}
					if (FATAL.equals(event.getMessage())) {
						throw new LinkageError("cannot encode");
					}
					return super.encode(event);
				}

			};
			encoder.setContext(context);
			encoder.setPattern("%X{requestId} %thread %msg%n");
			encoder.start();
			setEncoder(encoder);
			setOutputStream(new OutputStream() {

				@Override
				public void write(int b) {
					write(new byte[] { (byte) b }, 0, 1);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) {
					RecordingConsole.this.writtenOnVirtualThread |= Thread.currentThread().isVirtual();
					RecordingConsole.this.inHeldWrite.countDown();
					try {
						RecordingConsole.this.held.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					RecordingConsole.this.writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
				}

			});
			start();
		}

		void holdWrites() {
			this.held = new CountDownLatch(1);
		}

		void awaitHeldWrite() throws InterruptedException {
			assertThat(this.inHeldWrite.await(10, TimeUnit.SECONDS)).isTrue();
		}

		void releaseWrites() {
			this.held.countDown();
		}

		List<String> lines() {
			return this.writes.stream().flatMap(String::lines).toList();
		}

	}

}
