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
 */
class SlowClientTests extends SandboxTestSupport {

	private static final int SLOW_CLIENTS = 300;

	private static final HttpClient PROBE = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	@Test
	void livenessAnswersWithinASecondWhileHundredsOfSlowBodiesAreHeldOpenAndAfterTheyLeave() throws Exception {
		assertThat(liveness()).isEqualTo(200);
		List<Socket> slowClients = new ArrayList<>();
		try {
			for (int i = 0; i < SLOW_CLIENTS; i++) {
				Socket socket = new Socket("127.0.0.1", this.port);
				OutputStream out = socket.getOutputStream();
				out.write(unfinishedRequest(i).getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				slowClients.add(socket);
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

	/** Headers promising a body, and only its first bytes. */
	private static String unfinishedRequest(int i) {
		return switch (i % 4) {
			case 0 -> "PUT /call-permissions HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 60000\r\n\r\nbusinessNumber=";
			case 1 -> "POST /actuator/health HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 60000\r\n\r\n--b\r\n";
			case 2 -> "POST /call-permissions/batch HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + API_KEY + "\r\n"
					+ "Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{\"lookups\":[";
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
