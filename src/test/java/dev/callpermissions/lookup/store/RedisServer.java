package dev.callpermissions.lookup.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Redis server for a test class: Debian's {@code redis-server} (which
 * {@code .ci/run} installs) on a free loopback port, without persistence unless a test
 * asks for a snapshot, started before the class and killed after it; the tests are
 * skipped, saying why, where it is not installed.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

	private static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");

	private static final String SNAPSHOT = "dump.rdb";

	private int port;

	private Path directory;

	private Process process;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		assumeTrue(Files.isExecutable(EXECUTABLE),
				"redis-server is not installed (apt-get install redis-server; .ci/run does it)");
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		this.directory = Files.createTempDirectory("redis-server");
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		kill();
		if (this.directory == null) {
			// skipped: redis-server is not installed
			return;
		}
		Files.deleteIfExists(this.directory.resolve(SNAPSHOT));
		Files.deleteIfExists(this.directory);
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Starts the server (again) on its port, empty or with the data of
	 * {@link #crashAfterSnapshot}, and waits for its {@code PONG}.
	 */
	void start() throws IOException, InterruptedException {
		this.process = new ProcessBuilder(EXECUTABLE.toString(), "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString(), "--dbfilename",
				SNAPSHOT)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		long giveUpAt = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!"+PONG".equals(ping())) {
			if (System.nanoTime() - giveUpAt > 0 || !this.process.isAlive()) {
				throw new IllegalStateException("redis-server did not start on port " + this.port);
			}
			Thread.sleep(20);
		}
		// loaded once: the next start is empty again
		Files.deleteIfExists(this.directory.resolve(SNAPSHOT));
	}

	/**
	 * Saves the data, then kills the server: the next {@link #start} comes back with it,
	 * as a server with persistence would.
	 */
	void crashAfterSnapshot() throws InterruptedException {
		if (!"+OK".equals(command("SAVE"))) {
			throw new IllegalStateException("redis-server did not save its data");
		}
		kill();
	}

	/**
	 * Stops the server without closing its connections: it hangs, as behind a lost
	 * network.
	 */
	void pause() throws IOException, InterruptedException {
		signal("-STOP");
	}

	/** Lets a paused server go on. */
	void resume() throws IOException, InterruptedException {
		signal("-CONT");
	}

	private void signal(String signal) throws IOException, InterruptedException {
		int exit = new ProcessBuilder("kill", signal, String.valueOf(this.process.pid())).inheritIO().start().waitFor();
		if (exit != 0) {
			throw new IllegalStateException("kill " + signal + " failed with " + exit);
		}
	}

	/** Kills the server at once, as a crash would. */
	void kill() throws InterruptedException {
		if (this.process != null) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
			this.process = null;
		}
	}

	/** Drops every key. */
	public void flush() {
		if (!"+OK".equals(command("FLUSHALL"))) {
			throw new IllegalStateException("redis-server did not flush");
		}
	}

	/** The key's remaining lifetime in milliseconds; -2 when there is no such key. */
	public long millisToLive(String key) {
		String reply = command("PTTL " + key);
		if (reply == null || !reply.startsWith(":")) {
			throw new IllegalStateException("redis-server did not answer PTTL: " + reply);
		}
		return Long.parseLong(reply.substring(1));
	}

	/** How many keys the server holds. */
	public long keys() {
		String reply = command("DBSIZE");
		if (reply == null || !reply.startsWith(":")) {
			throw new IllegalStateException("redis-server did not answer DBSIZE: " + reply);
		}
		return Long.parseLong(reply.substring(1));
	}

	private String ping() {
		return command("PING");
	}

	/**
	 * An inline command's first reply line ({@code +OK}, {@code -ERR …}), or {@code null}
	 * when the server does not answer.
	 */
	private String command(String command) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder reply = new StringBuilder();
			int read;
			while ((read = in.read()) != -1 && read != '\r') {
				reply.append((char) read);
			}
			return reply.toString();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
