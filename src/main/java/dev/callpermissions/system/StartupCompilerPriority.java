package dev.callpermissions.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.SpringProperties;

/**
 * Holds HotSpot's optimizing compiler (C2) back while the service starts, on Linux. From
 * the JVM's first moment C2 compiles what the JDK AOT cache's profiles call hot, and
 * Linux gives its thread as much of a core as the thread that starts the context: on one
 * core C2 took as much CPU as the main thread before the first answer
 * (docs/performance.md). So {@link #deferOptimizingCompiler()}, first thing in
 * {@code main}, puts C2's threads at nice {@value #NICE}; when the service is ready,
 * every other thread of the JVM goes to nice {@value #NICE} too, and from then on all
 * share the CPU as before and C2 compiles what start-up left it. The nice value weighs
 * the JVM's threads only against each other in a container, which has its own share of
 * the host; a JVM run directly on a host stays at nice {@value #NICE} against the host's
 * other processes. Does nothing without {@code /proc} (not Linux), when the JVM system
 * property {@value #ENABLED} is {@code false} (read before Spring's configuration exists,
 * as {@code spring.aot.enabled} is), and, saying why in one line once logging is set up,
 * without {@code renice} or in a JVM that already runs at a nice value of its own (the
 * operator's choice, kept).
 */
public class StartupCompilerPriority implements ApplicationListener<SpringApplicationEvent> {

	/** Whether C2 waits for start-up (default {@code true}); a JVM system property. */
	public static final String ENABLED = "call-permissions.startup.defer-optimizing-compiler";

	/** The nice value C2 starts at, and the JVM's threads end at. */
	static final int NICE = 19;

	private static final Path THREADS = Path.of("/proc/self/task");

	private static final Log logger = LogFactory.getLog(StartupCompilerPriority.class);

	private static final AtomicBoolean deferred = new AtomicBoolean();

	/**
	 * Why C2 was not held back, logged once logging is set up; {@code null} if it was.
	 */
	private static volatile String notDeferred;

	/** Lowers C2's priority until the service is ready, unless switched off. */
	public static void deferOptimizingCompiler() {
		// Spring's AOT processing at build time runs main too, in the build's JVM
		if (enabled().equalsIgnoreCase("true") && !SpringProperties.getFlag("spring.aot.processing")
				&& Files.isDirectory(THREADS)) {
			notDeferred = lower((thread) -> thread.name().startsWith("C2 CompilerThre"));
			deferred.set(notDeferred == null);
		}
	}

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			checkSetting(prepared);
			if (notDeferred != null) {
				logger.info("The optimizing compiler keeps its priority during start-up: " + notDeferred);
			}
		}
		else if (event instanceof ApplicationReadyEvent && deferred.compareAndSet(true, false)) {
			String notLowered = lower((thread) -> true);
			if (notLowered != null) {
				logger.debug("Not every thread went to C2's priority: " + notLowered);
			}
		}
	}

	private static String enabled() {
		String enabled = SpringProperties.getProperty(ENABLED);
		return (enabled != null) ? enabled.strip() : "true";
	}

	private static void checkSetting(ApplicationEnvironmentPreparedEvent event) {
		String enabled = enabled();
		if (!enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
			throw new InvalidConfigurationException(ENABLED, "must be true or false, not '" + enabled + "'");
		}
		String configured = event.getEnvironment().getProperty(ENABLED);
		if (configured != null && !configured.strip().equalsIgnoreCase(enabled)) {
			logger.warn(ENABLED + " is read before the configuration, from the JVM's system properties only "
					+ "(-D in JAVA_OPTS); its value elsewhere is not used");
		}
	}

	/**
	 * Sets the chosen threads that run at nice 0 to {@link #NICE}: whether {@code renice}
	 * reads {@code -n} as a value or as an increment (util-linux changed), 0 goes to the
	 * same value. Runs before logging is set up, so it answers why it did not, or
	 * {@code null}.
	 */
	private static String lower(Predicate<NativeThread> chosen) {
		List<String> ids = new ArrayList<>();
		try (Stream<Path> all = Files.list(THREADS)) {
			String current = Path.of("/proc/thread-self").toRealPath().getFileName().toString();
			for (NativeThread thread : all.map(NativeThread::read).filter(Objects::nonNull).toList()) {
				if (thread.id().equals(current) && thread.nice() != 0) {
					return "the JVM runs at nice " + thread.nice() + ", which is kept";
				}
				if (thread.nice() == 0 && chosen.test(thread)) {
					ids.add(thread.id());
				}
			}
		}
		catch (IOException ex) {
			return "its threads cannot be read from " + THREADS + " (" + ex + ")";
		}
		return ids.isEmpty() ? "no thread to lower at nice 0" : renice(ids);
	}

	private static String renice(List<String> ids) {
		List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(NICE), "-p"));
		command.addAll(ids);
		try {
			Process renice = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!renice.waitFor(5, TimeUnit.SECONDS)) {
				renice.destroyForcibly();
				return "renice did not end within 5 s";
			}
			// a thread that ended meanwhile also makes it exit 1
			return (renice.exitValue() != 0) ? "renice exited with " + renice.exitValue() : null;
		}
		catch (IOException ex) {
			return "renice could not be run (" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/** One of the JVM's native threads, as {@code /proc/self/task/<id>} shows it. */
	record NativeThread(String id, String name, int nice) {

		/** Reads it, or answers {@code null} when it ended meanwhile. */
		static NativeThread read(Path thread) {
			try {
				String stat = Files.readString(thread.resolve("stat"));
				// after the name in parentheses: the state, field 3 of proc(5); the nice
				// value is field 19
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				return new NativeThread(thread.getFileName().toString(),
						Files.readString(thread.resolve("comm")).strip(), Integer.parseInt(fields[16]));
			}
			catch (IOException ex) {
				return null;
			}
		}

	}

}
