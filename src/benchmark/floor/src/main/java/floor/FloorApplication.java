package floor;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The framework floor of the benchmark: Spring Boot on Jetty with virtual threads and one
 * controller answering a constant record shaped like the service's cached answer. What
 * the service costs beyond this row is its own.
 */
@SpringBootApplication
@RestController
public class FloorApplication {

	private static final Answer ANSWER = new Answer("meta", "meta-main", "+14155550100", "+13057765401", null,
			new Permission("permanent", null, null, "permanent"), true, null, null, false,
			List.of(new Action("send_call_permission_request", false,
					List.of(new Limit("PT24H", 1, 1, null), new Limit("P7D", 2, 1, null))),
					new Action("start_call", true, List.of(new Limit("PT24H", 100, 3, null)))),
			"2026-11-22T10:00:00Z");

	public static void main(String[] args) {
		SpringApplication.run(FloorApplication.class, args);
	}

	@GetMapping("/call-permissions")
	Answer answer() {
		return ANSWER;
	}

	record Answer(String provider, String account, String businessNumber, String userNumber, String userId,
			Permission permission, boolean canCall, String blockedReason, String retryAt,
			Boolean canRequestPermission, List<Action> actions, String retrievedAt) {
	}

	record Permission(String status, String expiresAt, String source, String providerStatus) {
	}

	record Action(String name, boolean allowed, List<Limit> limits) {
	}

	record Limit(String period, Integer maxAllowed, Integer currentUsage, String resetsAt) {
	}

}
