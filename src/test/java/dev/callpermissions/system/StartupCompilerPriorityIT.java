package dev.callpermissions.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.callpermissions.system.StartupCompilerPriority.NativeThread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service, started as the image starts it, holds HotSpot's optimizing compiler (C2)
 * back until it is ready, then puts every thread at C2's priority; each in a JVM of its
 * own, since a thread's priority is the process's business.
 */
class StartupCompilerPriorityIT {

	private static final String C2 = "C2 CompilerThre";

	private Process service;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.service != null) {
			this.service.destroy();
			this.service.waitFor();
		}
	}

	@BeforeAll
	static void onLinux() {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "threads' priorities are read from /proc");
	}

	@Test
	void theOptimizingCompilerRunsAtNiceNineteenWhileTheOtherThreadsStartTheServiceThenAllShareIt(
			@TempDir Path directory) throws Exception {
		int port = ServiceProcess.freePort();
		this.service = ServiceProcess.start(port, directory.resolve("service.log"));
		AtomicBoolean compilerHeldBack = new AtomicBoolean();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
			List<NativeThread> threads = threads(this.service);
			if (!threads.isEmpty()
					&& threads.stream().allMatch((thread) -> thread.nice() == (thread.name().equals(C2) ? 19 : 0))
					&& threads.stream().anyMatch((thread) -> thread.name().equals(C2) && thread.nice() == 19)) {
				compilerHeldBack.set(true);
			}
			return ready(port);
		});
		assertThat(compilerHeldBack).as("C2 at nice 19 and every other thread at 0, before the service was ready")
			.isTrue();

		assertThat(threads(this.service)).extracting(NativeThread::nice).containsOnly(19);
	}

	@Test
	void switchedOffAsAJvmSystemPropertyEveryThreadKeepsItsPriority(@TempDir Path directory) throws Exception {
		int port = ServiceProcess.freePort();
		this.service = ServiceProcess.start(List.of("-D" + StartupCompilerPriority.ENABLED + "=false"), port,
				directory.resolve("service.log"));
		await().atMost(Duration.ofSeconds(60)).until(() -> ready(port));

		assertThat(threads(this.service)).extracting(NativeThread::name).contains(C2);
		assertThat(threads(this.service)).extracting(NativeThread::nice).containsOnly(0);
	}

	@Test
	void aJvmStartedAtANiceValueOfItsOwnKeepsItAndSaysWhy(@TempDir Path directory) throws Exception {
		int port = ServiceProcess.freePort();
		Path log = directory.resolve("service.log");
		this.service = ServiceProcess.start(List.of("nice", "-n", "5"), List.of(), port, log);
		await().atMost(Duration.ofSeconds(60)).until(() -> ready(port));

		assertThat(threads(this.service)).extracting(NativeThread::nice).containsOnly(5);
		assertThat(Files.readString(log)).contains(
				"The optimizing compiler keeps its priority during start-up: the JVM runs at nice 5, which is kept");
	}

	/**
	 * Whether the readiness probe answers 200: it does once the service is ready, after
	 * its listeners.
	 */
	private static boolean ready(int port) throws InterruptedException {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static List<NativeThread> threads(Process service) throws IOException {
		try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(service.pid()), "task"))) {
			return threads.map(NativeThread::read).filter(Objects::nonNull).toList();
		}
	}

}
