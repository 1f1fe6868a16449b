package dev.callpermissions.sandbox;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.HttpExchange.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's webhook walk-through against the sandbox: a cached {@code not_granted},
 * the user taps "Allow", a signed reply, and the next lookup shows the new answer.
 */
class WebhookSandboxTests extends SandboxTestSupport {

	/** The README's sample delivery, byte for byte. */
	private static final String REPLY = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
			+ "\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
			+ "{\"display_phone_number\":\"14155550100\",\"phone_number_id\":\"106540352242922\"},\"messages\":"
			+ "[{\"from\":\"13057765420\",\"id\":\"wamid.1\",\"timestamp\":\"1767168000\",\"type\":\"interactive\","
			+ "\"interactive\":{\"type\":\"call_permission_reply\",\"call_permission_reply\":{\"response\":\"accept\","
			+ "\"is_permanent\":false,\"expiration_timestamp\":\"1768550400\",\"response_source\":\"user_action\"}}}]}}]}]}";

	private static final String LOOKUP = "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765420";

	@Test
	void aSignedReplyShowsTheUsersAnswerAtOnce() throws Exception {
		HttpResponse<String> asked = get(this.port, LOOKUP, "X-API-Key", API_KEY);
		HttpResponse<String> cached = get(this.port, LOOKUP, "X-API-Key", API_KEY);

		HttpResponse<String> delivery = post(this.port, "/webhooks/meta", REPLY, "Content-Type", "application/json",
				"X-Hub-Signature-256", "sha256=" + hmac(REPLY, "sandbox-app-secret"));
		HttpResponse<String> fresh = get(this.port, LOOKUP, "X-API-Key", API_KEY);

		assertThat(json(asked).at("/permission/status").asText()).isEqualTo("not_granted");
		assertThat(cached.headers().firstValue("Age")).isPresent();
		assertThat(json(cached).at("/permission/status").asText()).isEqualTo("not_granted");
		assertThat(delivery.statusCode()).isEqualTo(200);
		assertThat(fresh.headers().firstValue("Age")).isEmpty();
		assertThat(json(fresh).at("/permission/status").asText()).isEqualTo("temporary");
		assertThat(json(fresh).get("canCall").asBoolean()).isTrue();
		assertThat(get(this.port, "/actuator/prometheus", "X-API-Key", API_KEY).body()).containsPattern(
				"call_permissions_webhook_events_total\\{[^}]*outcome=\"evicted\",provider=\"meta\",type=\"call_permission_reply\"} [1-9]");
	}

	@Test
	void theHandshakeAnswersTheSandboxVerifyToken() {
		HttpResponse<String> response = get(this.port,
				"/webhooks/meta?hub.mode=subscribe&hub.verify_token=sandbox-verify-token&hub.challenge=42");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("42");
	}

	private static String hmac(String body, String secret) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
	}

}
