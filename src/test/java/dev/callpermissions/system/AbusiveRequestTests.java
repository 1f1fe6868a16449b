package dev.callpermissions.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callpermissions.sandbox.SandboxTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.HttpExchange.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a careless or hostile client sends: forms, uploads, huge or endless bodies, odd
 * methods and headers. Each gets a problem document, at once, without the service reading
 * more than it must, and without a stack trace or a full phone number in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class AbusiveRequestTests extends SandboxTestSupport {

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void aHugeFormBodyWithoutAKeyIsRefusedBeforeItIsRead() throws IOException {
		String response = exchange("PUT /call-permissions HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\nbusinessNumber=1");

		assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void aLookupThatOnlyNamesAFormContentTypeWithoutABodyIsAnswered() {
		HttpResponse<String> response = get(this.port,
				"/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765401", "X-API-Key", API_KEY,
				"Content-Type", "application/x-www-form-urlencoded");

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void anUploadToAnOpenPathIsRefusedWithAProblemNotA500(CapturedOutput output) throws IOException {
		String response = exchange("POST /actuator/health HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 5000000\r\n\r\n--b\r\n"
				+ "Content-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n\r\nxxxx");

		assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
		assertThat(output).doesNotContain("MultipartException").doesNotContain("\tat ");
	}

	@Test
	void aBatchBodyOverItsLimitIsRefusedFromItsContentLength() throws IOException {
		String response = exchange("POST /call-permissions/batch HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + API_KEY
				+ "\r\nContent-Type: application/json\r\nContent-Length: 25000000\r\n\r\n{\"lookups\":[");

		assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
		assertThat(response).contains("\"detail\":\"The request body is larger than 64 KiB.\"");
	}

	@Test
	void aChunkedBatchBodyIsRefusedOnceItPassesTheLimitWhileBeingRead() throws Exception {
		byte[] body = ("{\"lookups\":[{\"businessNumber\":\"+14155550100\",\"userNumber\":\"" + "1".repeat(200_000)
				+ "\"}]}")
			.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/call-permissions/batch"))
			.header("X-API-Key", API_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.timeout(Duration.ofSeconds(10))
			.build();

		HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
		assertThat(response.body()).doesNotContain("1111111111");
	}

	@Test
	void aLongValueInABatchIsEchoedAsAShortExcerptOnly() {
		String longValue = "+1" + "2".repeat(40_000);
		String batch = "{\"lookups\":[{\"businessNumber\":\"+14155550100\",\"userNumber\":\"" + longValue + "\"}]}";

		HttpResponse<String> response = post(this.port, "/call-permissions/batch", batch, "X-API-Key", API_KEY,
				"Content-Type", "application/json");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode failure = json(response).at("/results/0");
		assertThat(failure.at("/error/code").asText()).isEqualTo("INVALID_PHONE_NUMBER");
		assertThat(failure.get("userNumber").asText()).hasSizeLessThanOrEqualTo(33).startsWith("+1222");
		assertThat(response.body()).hasSizeLessThan(2_000);
	}

	@Test
	void aConnectRequestLeavesNoPhoneNumberInTheLog(CapturedOutput output) throws IOException {
		String response = exchange("CONNECT /call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765456"
				+ " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 4");
		assertThat(output).doesNotContain("13057765456").doesNotContain("3057765456");
	}

	@ParameterizedTest
	@ValueSource(strings = { "TRACE", "get", "FOO", "PROPFIND" })
	void anUnusualMethodGetsAProblemWithACode(String method) throws IOException {
		String response = exchange(method + " /call-permissions HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + API_KEY
				+ "\r\nConnection: close\r\n\r\n");

		assertThat(response).matches("(?s)HTTP/1.1 4\\d\\d .*")
			.containsIgnoringCase("content-type: application/problem+json");
		assertThat(response).containsPattern("\"code\":\"[A-Z_]+\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-API-Key: " + API_KEY + "\r\nCache-Control: no-\u0085cache",
			"X-API-Key: " + API_KEY + "\r\nAccept: application/\u0085json", "X-API-Key: " + API_KEY + "\u0085",
			"X-API-Key: " + API_KEY + "\r\nX-\u0085Key: 1" })
	void aControlCharacterInAHeaderIsA400ProblemWhoeverReadsItFirst(String headers) throws IOException {
		String response = exchange("GET /call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765401"
				+ " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\nConnection: close\r\n\r\n");

		assertProblem(response, 400, "INVALID_REQUEST");
		assertThat(response).contains("\"detail\":\"The request could not be read.\"");
	}

	@Test
	void anUnknownHealthGroupIsAProblemToo() {
		HttpResponse<String> response = get(this.port, "/actuator/health/no-such-group");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).get("code").asText()).isEqualTo("NOT_FOUND");
	}

	@Test
	void healthShowsItsDetailsOnlyToAnAuthenticatedClient() {
		JsonNode anonymous = json(get(this.port, "/actuator/health"));
		JsonNode wrongKey = json(get(this.port, "/actuator/health", "X-API-Key", "wrong"));
		JsonNode client = json(get(this.port, "/actuator/health", "X-API-Key", API_KEY));

		assertThat(anonymous.get("status").asText()).isEqualTo("UP");
		assertThat(anonymous.has("components")).isFalse();
		assertThat(wrongKey).isEqualTo(anonymous);
		assertThat(client.at("/components/circuitBreakers/details/meta-main").isObject()).isTrue();
	}

	@Test
	void theOpenApiServerIsRelativeWhateverTheHostHeaderSays() throws IOException {
		String response = exchange("GET /v3/api-docs HTTP/1.1\r\nHost: attacker.example\r\n"
				+ "X-Forwarded-Host: attacker.example\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 200 ").doesNotContain("attacker.example");
		assertThat(response).contains("\"servers\":[{\"url\":\"/\"");
	}

	private static void assertProblem(String response, int status, String code) {
		assertThat(response).startsWith("HTTP/1.1 " + status + " ")
			.containsIgnoringCase("content-type: application/problem+json")
			.contains("\"code\":\"" + code + "\"")
			.doesNotContain("Exception");
	}

	/**
	 * Sends the request's first bytes and reads whatever answer comes, within 5 seconds.
	 */
	private String exchange(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int read; (read = in.read(buffer)) >= 0;) {
					response.write(buffer, 0, read);
					if (isComplete(response.toString(StandardCharsets.ISO_8859_1))) {
						break;
					}
				}
			}
			catch (java.net.SocketTimeoutException ex) {
				// what came so far is the answer
			}
			return response.toString(StandardCharsets.UTF_8);
		}
	}

	private static boolean isComplete(String response) {
		int headersEnd = response.indexOf("\r\n\r\n");
		if (headersEnd < 0) {
			return false;
		}
		java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
			.matcher(response.substring(0, headersEnd));
		return length.find() && response.length() - headersEnd - 4 >= Integer.parseInt(length.group(1));
	}

}
