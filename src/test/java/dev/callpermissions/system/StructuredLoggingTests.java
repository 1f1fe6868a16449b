package dev.callpermissions.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.callpermissions.HttpExchange.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One setting turns the logs into ECS JSON lines that keep the request id, client and
 * masked user. Runs the service in a JVM of its own: logging is global to a JVM, and the
 * other tests read plain lines.
 */
class StructuredLoggingTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void oneSettingMakesEveryLogLineAnEcsJsonObjectWithTheRequestContext(@TempDir Path directory) throws Exception {
		int port = ServiceProcess.freePort();
		Path log = directory.resolve("service.log");
		Process service = ServiceProcess.start(port, log, "--logging.structured.format.console=ecs");
		try {
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> get(port, "/actuator/health").statusCode() == 200);
			HttpResponse<String> lookup = get(port,
					"/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765456", "X-API-Key", "the-key",
					"X-Request-Id", "ecs-1");
			assertThat(lookup.statusCode()).isEqualTo(503);
			await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(log).contains("Vendor call"));
		}
		finally {
			service.destroy();
			service.waitFor();
		}

		List<String> lines = Files.readAllLines(log).stream().filter((line) -> !line.isBlank()).toList();
		assertThat(lines).allSatisfy(
				(line) -> assertThat(JSON.readTree(line).path("ecs").path("version").asText()).as(line).isNotEmpty());
		JsonNode vendorCall = lines.stream()
			.map(StructuredLoggingTests::parse)
			.filter((line) -> line.path("message").asText().startsWith("Vendor call"))
			.findFirst()
			.orElseThrow();
		assertThat(vendorCall.path("requestId").asText()).isEqualTo("ecs-1");
		assertThat(vendorCall.path("client").asText()).isEqualTo("crm");
		assertThat(vendorCall.path("user").asText()).isEqualTo("+1305*****56");
		assertThat(vendorCall.path("message").asText())
			.startsWith("Vendor call provider=meta account=meta-main outcome=unreachable");
		assertThat(String.join("\n", lines)).doesNotContain("13057765456", "secret-token", "the-key");
	}

	private static JsonNode parse(String line) {
		try {
			return JSON.readTree(line);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
