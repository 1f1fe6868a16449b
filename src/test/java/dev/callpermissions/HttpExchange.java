package dev.callpermissions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real HTTP against the running service, sending the query string exactly as written, so
 * tests see what a client sees.
 */
public final class HttpExchange {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final ObjectMapper JSON = new ObjectMapper();

	private HttpExchange() {
	}

	public static HttpResponse<String> send(int port, String method, String pathAndQuery, String... headers) {
		return send(port, method, pathAndQuery, HttpRequest.BodyPublishers.noBody(), headers);
	}

	public static HttpResponse<String> post(int port, String path, String body, String... headers) {
		return send(port, "POST", path, HttpRequest.BodyPublishers.ofString(body), headers);
	}

	private static HttpResponse<String> send(int port, String method, String pathAndQuery,
			HttpRequest.BodyPublisher body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
			.timeout(Duration.ofSeconds(20))
			.method(method, body);
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static HttpResponse<String> get(int port, String pathAndQuery, String... headers) {
		return send(port, "GET", pathAndQuery, headers);
	}

	public static JsonNode json(HttpResponse<String> response) {
		try {
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Not JSON: " + response.body(), ex);
		}
	}

}
