package dev.callpermissions.system;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.callpermissions.sandbox.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that start a request body and never finish it, with and without a key, on open
 * and protected paths: they cannot take what the probes and other clients need.
 * <p>
 * Each authenticated JSON batch holds a request thread blocked on its body: there are
 * more of them than Boot's default cap on Jetty's threads
 * ({@code server.jetty.threads.max}, 200), whose pool hung once they held every permit.
 * Forms and uploads are refused before their bodies are read, so they hold no thread;
 * they are here to show that too.
 */
class SlowClientTests extends SandboxTestSupport {

	private static final int BLOCKED_BODIES = 300;

	private static final int REFUSED_BODIES = 60;

	private static final HttpClient PROBE = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	@Test
	void livenessAnswersWithinASecondWhileHundredsOfSlowBodiesAreHeldOpenAndAfterTheyLeave() throws Exception {
		assertThat(liveness()).isEqualTo(200);
		List<Socket> slowClients = new ArrayList<>();
		try {
			for (int i = 0; i < BLOCKED_BODIES; i++) {
				slowClients.add(send(UNFINISHED_BATCH));
			}
			for (int i = 0; i < REFUSED_BODIES; i++) {
				slowClients.add(send(unfinishedFormOrUpload(i)));
			}
			Thread.sleep(500);
			for (int i = 0; i < 5; i++) {
				assertThat(liveness()).isEqualTo(200);
			}
		}
		finally {
			for (Socket socket : slowClients) {
				socket.close();
			}
		}
		Thread.sleep(500);
		for (int i = 0; i < 5; i++) {
			assertThat(liveness()).isEqualTo(200);
		}
	}

	/** Headers promising a JSON body, with a key, and only the body's first bytes. */
	private static final String UNFINISHED_BATCH = "POST /call-permissions/batch HTTP/1.1\r\nHost: localhost\r\n"
			+ "X-API-Key: " + API_KEY + "\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n"
			+ "{\"lookups\":[";

	private Socket send(String request) throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		OutputStream out = socket.getOutputStream();
		out.write(request.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
		return socket;
	}

	/** Headers promising a form or an upload, and only its first bytes. */
	private static String unfinishedFormOrUpload(int i) {
		return switch (i % 3) {
			case 0 -> "PUT /call-permissions HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 60000\r\n\r\nbusinessNumber=";
			case 1 -> "POST /actuator/health HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 60000\r\n\r\n--b\r\n";
			default -> "POST /call-permissions/batch HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + API_KEY + "\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 60000\r\n\r\nlookups=";
		};
	}

	/** The probe's status; a probe slower than a second fails the test. */
	private int liveness() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/liveness"))
			.timeout(Duration.ofSeconds(1))
			.build();
		return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
