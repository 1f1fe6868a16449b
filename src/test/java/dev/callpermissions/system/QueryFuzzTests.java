package dev.callpermissions.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import dev.callpermissions.sandbox.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random query strings and malformed requests over a raw socket, so nothing cleans them
 * up first: every answer is a documented one, never a 500 and never HTML.
 */
class QueryFuzzTests extends SandboxTestSupport {

	private static final String ALPHABET = "+0123456789 -.()%2BzZ&=;[]{}|\\^`\"<>#?/,\t\u00e9\u0000\u007fabuserNumbusinessId";

	private static final String[] NAMES = { "businessNumber", "userNumber", "userId", "include", "x" };

	@Test
	void neverAnswersAFuzzedQueryWithA500() throws IOException {
		Random random = new Random(20261122);
		for (int i = 0; i < 300; i++) {
			String query = fuzzedQuery(random);
			String response = send("GET /call-permissions?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
					+ "X-API-Key: sandbox-key\r\nConnection: close\r\n\r\n");
			String statusLine = response.lines().findFirst().orElse("");
			assertThat(statusLine).as(query).matches("HTTP/1.1 (200|400|404|422|429|502|503|504) ?.*");
			assertThat(response).as(query).containsIgnoringCase("content-type: application/");
			assertThat(response).as(query).doesNotContain("<html").doesNotContain("Exception");
		}
	}

	@Test
	void answersARequestTheServerCannotParseWithAProblemNotAnHtmlPage() throws IOException {
		String[] unreadable = { "GARBAGE\r\n\r\n",
				"GET /call-permissions HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n",
				"GET /a/%2e%2e/call-permissions HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n\r\n" };
		for (String request : unreadable) {
			String response = send(request);
			assertThat(response).as(request)
				.startsWith("HTTP/1.1 400 ")
				.containsIgnoringCase("content-type: application/problem+json")
				.containsIgnoringCase("x-request-id: ")
				.contains("\"status\":400,\"detail\":\"The request could not be read.\",\"code\":\"INVALID_REQUEST\"")
				.doesNotContain("<html");
		}
	}

	@Test
	void answersAnUnknownHttpVersionWithAProblemThatBlamesTheRequest() throws IOException {
		String response = send("GET /call-permissions HTTP/1.2\r\nHost: localhost\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 505 ")
			.containsIgnoringCase("content-type: application/problem+json")
			.contains("\"title\":\"Invalid request\",\"status\":505")
			.contains("\"code\":\"INVALID_REQUEST\"");
	}

	@Test
	void saysSoWhenAParameterIsNotValidPercentEncoding() throws IOException {
		String response = send("GET /call-permissions?businessNumber=%2B14155550100&userNumber=%zz HTTP/1.1\r\n"
				+ "Host: localhost\r\nX-API-Key: sandbox-key\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400 ")
			.contains("\"detail\":\"The request's parameters could not be decoded; check their percent-encoding.\"")
			.contains("\"code\":\"INVALID_REQUEST\"");
	}

	private static String fuzzedQuery(Random random) {
		StringBuilder query = new StringBuilder();
		int parameters = random.nextInt(5);
		for (int p = 0; p < parameters; p++) {
			if (p > 0) {
				query.append('&');
			}
			query.append(NAMES[random.nextInt(NAMES.length)]).append('=');
			int length = random.nextInt(20);
			for (int c = 0; c < length; c++) {
				char next = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
				query.append((next == ' ' || next == '\t' || next == '#' || next < 0x20 || next > 0x7e) ? "%20" : next);
			}
		}
		return query.toString();
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			return response.toString(StandardCharsets.UTF_8);
		}
	}

}
