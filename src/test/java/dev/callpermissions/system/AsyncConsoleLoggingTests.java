package dev.callpermissions.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
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
		List<Thread> threads = IntStream.range(0, 200)
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
		for (Thread thread : threads) {
			thread.join();
		}
		boolean queued = root.getAppender(AsyncConsoleLogging.ASYNC_CONSOLE) != null;
		boolean besideTheQueue = root.getAppender(AsyncConsoleLogging.CONSOLE) != null;
		context.stop();

		assertThat(queued).isTrue();
		assertThat(besideTheQueue).isFalse();
		assertThat(console.events).hasSize(200).allSatisfy((event) -> {
			assertThat(event.writtenOnVirtualThread()).isFalse();
			Object logged = event.line().getArgumentArray()[0];
			assertThat(event.line().getMDCPropertyMap().get("requestId")).isEqualTo("request-" + logged);
			assertThat(event.line().getThreadName()).isEqualTo("virtual-" + logged);
		});
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
			assertThat(threads).contains("\"AsyncAppender-Worker-ASYNC_CONSOLE\"");
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

	private record Written(ILoggingEvent line, boolean writtenOnVirtualThread) {
	}

	/** Stands in for Spring Boot's console appender, noting the thread that writes. */
	private static final class RecordingConsole extends AppenderBase<ILoggingEvent> {

		final List<Written> events = Collections.synchronizedList(new ArrayList<>());

		RecordingConsole(LoggerContext context) {
			setContext(context);
			setName(AsyncConsoleLogging.CONSOLE);
			start();
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.events.add(new Written(event, Thread.currentThread().isVirtual()));
		}

	}

}
