package dev.callpermissions.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.callpermissions.CallPermissionsApplication;

/**
 * The service in a JVM of its own, on the tests' class path, for what is global to a JVM
 * (logging): one Meta account whose vendor is unreachable, one channel, and the client
 * {@code crm} with the key {@code the-key}.
 */
final class ServiceProcess {

	private ServiceProcess() {
	}

	/**
	 * Starts the service on {@code port} with its output in {@code log}; each lookup of
	 * {@code +14155550100} ends as a 503 after one failed vendor call.
	 */
	static Process start(int port, Path log, String... settings) throws IOException {
		return start(List.of(), port, log, settings);
	}

	/** Starts it so, with these options for its JVM. */
	static Process start(List<String> jvmOptions, int port, Path log, String... settings) throws IOException {
		return start(List.of(), jvmOptions, port, log, settings);
	}

	/** Starts it so, its JVM launched by {@code launcher} (such as {@code nice -n 5}). */
	static Process start(List<String> launcher, List<String> jvmOptions, int port, Path log, String... settings)
			throws IOException {
		List<String> command = new ArrayList<>(launcher);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), CallPermissionsApplication.class.getName(),
				"--server.port=" + port, "--call-permissions.security.api-keys.crm=the-key",
				"--call-permissions.accounts.meta-main.provider=meta",
				"--call-permissions.accounts.meta-main.access-token=secret-token",
				"--call-permissions.accounts.meta-main.base-url=http://127.0.0.1:" + freePort(),
				"--call-permissions.channels[0].business-number=+14155550100",
				"--call-permissions.channels[0].account=meta-main",
				"--call-permissions.channels[0].phone-number-id=1"));
		command.addAll(List.of(settings));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
