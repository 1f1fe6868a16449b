package dev.callpermissions.webhook;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.TestVendorAccounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.HttpExchange.post;
import static dev.callpermissions.HttpExchange.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meta's webhook end to end: signed deliveries over real HTTP drop exactly the cached
 * answers they make stale, which shows in what reaches the simulated vendor and in the
 * {@code Age} of the next answers. Each test has users of its own, so cached entries
 * never cross tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MetaWebhookTests {

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	static final String SECRET = "main-app-secret";

	static final String OTHER_APP_SECRET = "other-app-secret";

	static final String META_NUMBER = "+14155550100";

	static final String META_ID = "106540352242922";

	static final String SECOND_META_NUMBER = "+14155550102";

	static final String SECOND_META_ID = "106540352242924";

	static final String CHAKRA_NUMBER = "+14155550101";

	static final String CHAKRA_ID = "106540352242923";

	private static final String META_PATH = "/v23.0/" + META_ID + "/call_permissions";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestVendorAccounts.in(registry)
			.graphAccount("meta-main", "meta", "meta-token", vendor::baseUrl)
			.graphAccount("chakra-main", "chakra", "chakra-token", vendor::baseUrl)
			.graphChannel(META_NUMBER, "meta-main", META_ID)
			.graphChannel(SECOND_META_NUMBER, "meta-main", SECOND_META_ID)
			.graphChannel(CHAKRA_NUMBER, "chakra-main", CHAKRA_ID)
			.apiKey("crm", "key");
		registry.add("call-permissions.webhooks.meta.verify-token", () -> "verify-me");
		registry.add("call-permissions.webhooks.meta.app-secrets.main-app", () -> SECRET);
		registry.add("call-permissions.webhooks.meta.app-secrets.other-app", () -> OTHER_APP_SECRET);
	}

	@BeforeEach
	void resetVendor() {
		vendor.resetAll();
		vendor.stubFor(get(urlPathMatching("/v23.0/[0-9]+/call_permissions")).willReturn(okJson(NO_PERMISSION)));
	}

	@Test
	void aSignedReplyDropsTheCachedAnswerAndTheNextLookupShowsTheUsersAnswer() {
		assertThat(json(lookup(META_NUMBER, "13057765401")).at("/permission/status").asText()).isEqualTo("not_granted");
		assertThat(lookup(META_NUMBER, "13057765401").headers().firstValue("Age")).isPresent();
		stubUser(META_PATH, "user_wa_id", "13057765401", okJson(temporary()));

		HttpResponse<String> delivery = deliver(reply(META_ID, "13057765401", null, "accept", false, "user_action"));
		HttpResponse<String> after = lookup(META_NUMBER, "13057765401");

		assertThat(delivery.statusCode()).isEqualTo(200);
		assertThat(after.headers().firstValue("Age")).isEmpty();
		assertThat(json(after).at("/permission/status").asText()).isEqualTo("temporary");
		assertThat(json(after).get("canCall").asBoolean()).isTrue();
		assertThat(vendorCalls(META_PATH, "user_wa_id", "13057765401")).isEqualTo(2);
	}

	@Test
	void aReplyDropsBothSpellingsOfThatUserOnThatNumberAndNothingElse() {
		lookup(META_NUMBER, "13057765402");
		lookupById(META_NUMBER, "US.1000000000402");
		lookup(META_NUMBER, "13057765403");
		lookup(SECOND_META_NUMBER, "13057765402");

		deliver(reply(META_ID, "13057765402", "US.1000000000402", "reject", false, "user_action"));

		assertThat(lookup(META_NUMBER, "13057765402").headers().firstValue("Age")).isEmpty();
		assertThat(lookupById(META_NUMBER, "US.1000000000402").headers().firstValue("Age")).isEmpty();
		assertThat(lookup(META_NUMBER, "13057765403").headers().firstValue("Age")).as("another user").isPresent();
		assertThat(lookup(SECOND_META_NUMBER, "13057765402").headers().firstValue("Age")).as("another number")
			.isPresent();
		assertThat(vendorCalls(META_PATH, "user_wa_id", "13057765402")).isEqualTo(2);
		assertThat(vendorCalls(META_PATH, "recipient", "US.1000000000402")).isEqualTo(2);
		assertThat(vendorCalls(META_PATH, "user_wa_id", "13057765403")).isEqualTo(1);
	}

	@Test
	void aUserIdOnlyDeliveryDropsThePhoneNumberOnlyWhenSeenWithItBefore() {
		lookup(META_NUMBER, "13057765404");
		lookupById(META_NUMBER, "US.1000000000404");
		lookup(META_NUMBER, "13057765405");
		lookupById(META_NUMBER, "US.1000000000405");

		// 404's two spellings were seen together, in the contacts of an earlier delivery
		deliver(reply(META_ID, "13057765404", null, "accept", false, "user_action",
				"{\"wa_id\":\"13057765404\",\"user_id\":\"US.1000000000404\"}"));
		lookup(META_NUMBER, "13057765404");
		lookupById(META_NUMBER, "US.1000000000404");
		deliver(reply(META_ID, null, "US.1000000000404", "reject", false, "user_action"));
		deliver(reply(META_ID, null, "US.1000000000405", "reject", false, "user_action"));

		assertThat(lookup(META_NUMBER, "13057765404").headers().firstValue("Age")).isEmpty();
		assertThat(lookupById(META_NUMBER, "US.1000000000404").headers().firstValue("Age")).isEmpty();
		assertThat(lookupById(META_NUMBER, "US.1000000000405").headers().firstValue("Age")).isEmpty();
		assertThat(lookup(META_NUMBER, "13057765405").headers().firstValue("Age")).as("never seen together")
			.isPresent();
	}

	@Test
	void aPhoneOnlyDeliveryDropsTheUserIdOnlyWhenSeenWithItBefore() {
		deliver(reply(META_ID, "13057765406", "US.1000000000406", "accept", false, "user_action"));
		lookup(META_NUMBER, "13057765406");
		lookupById(META_NUMBER, "US.1000000000406");
		lookupById(META_NUMBER, "US.1000000000407");

		deliver(reply(META_ID, "13057765406", null, "reject", false, "automatic"));
		deliver(reply(META_ID, "13057765407", null, "reject", false, "automatic"));

		assertThat(lookup(META_NUMBER, "13057765406").headers().firstValue("Age")).isEmpty();
		assertThat(lookupById(META_NUMBER, "US.1000000000406").headers().firstValue("Age")).isEmpty();
		assertThat(lookupById(META_NUMBER, "US.1000000000407").headers().firstValue("Age")).as("never seen together")
			.isPresent();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"accept, temporary | 13057765410 | {\"response\":\"accept\",\"is_permanent\":false,\"expiration_timestamp\":\"1768550400\",\"response_source\":\"user_action\"}",
			"accept, expiry as a number | 13057765411 | {\"response\":\"accept\",\"is_permanent\":false,\"expiration_timestamp\":1768550400,\"response_source\":\"user_action\"}",
			"accept, permanent | 13057765412 | {\"response\":\"accept\",\"is_permanent\":true,\"response_source\":\"user_action\"}",
			"reject | 13057765413 | {\"response\":\"reject\",\"is_permanent\":false,\"response_source\":\"user_action\"}",
			"automatic revocation | 13057765414 | {\"response\":\"reject\",\"is_permanent\":false,\"response_source\":\"automatic\"}",
			"automatic callback permission | 13057765415 | {\"response\":\"accept\",\"is_permanent\":false,\"expiration_timestamp\":\"1768550400\",\"response_source\":\"automatic\"}" })
	void everyKindOfReplyDropsTheUsersCachedAnswer(String kind, String user, String reply) {
		lookup(META_NUMBER, user);

		deliver(messages(META_ID, "[]", """
				[{"from":"%s","id":"wamid.1","timestamp":"1767168000","type":"interactive",
				  "interactive":{"type":"call_permission_reply","call_permission_reply":%s}}]""".formatted(user,
				reply)));

		assertThat(lookup(META_NUMBER, user).headers().firstValue("Age")).isEmpty();
		assertThat(vendorCalls(META_PATH, "user_wa_id", user)).isEqualTo(2);
	}

	@Test
	void aConnectedCallShowsItsNewUsageAtOnce() {
		stubUser(META_PATH, "user_wa_id", "13057765420", okJson(temporaryWithUsage(3)));
		lookup(META_NUMBER, "13057765420");
		stubUser(META_PATH, "user_wa_id", "13057765420", okJson(temporaryWithUsage(4)));

		// business-initiated: the business is from, the user to
		deliver(calls(META_ID, """
				{"id":"wacid.1","to":"13057765420","from":"14155550100","event":"connect",
				 "timestamp":"1767168000","direction":"BUSINESS_INITIATED"}"""));

		HttpResponse<String> after = lookup(META_NUMBER, "13057765420");
		assertThat(after.headers().firstValue("Age")).isEmpty();
		assertThat(json(after).at("/actions/0/limits/0/currentUsage").asInt()).isEqualTo(4);
	}

	@Test
	void aUserInitiatedCallDropsTheCallersAnswersUnderBothSpellings() {
		lookup(META_NUMBER, "13057765421");
		lookupById(META_NUMBER, "US.1000000000421");

		deliver(calls(META_ID, """
				{"id":"wacid.2","from":"13057765421","from_user_id":"US.1000000000421","to":"14155550100",
				 "event":"terminate","status":"COMPLETED","direction":"USER_INITIATED"}"""));

		assertThat(lookup(META_NUMBER, "13057765421").headers().firstValue("Age")).isEmpty();
		assertThat(lookupById(META_NUMBER, "US.1000000000421").headers().firstValue("Age")).isEmpty();
	}

	@Test
	void aChakraChannelIsFoundByItsPhoneNumberId() {
		String chakraPath = "/v1/whatsapp/v23.0/" + CHAKRA_ID + "/call_permissions";
		vendor.stubFor(get(urlPathEqualTo(chakraPath)).willReturn(okJson(NO_PERMISSION)));
		lookup(CHAKRA_NUMBER, "13057765422");
		lookup(META_NUMBER, "13057765422");

		deliver(reply(CHAKRA_ID, "13057765422", null, "accept", true, "user_action"));

		assertThat(lookup(CHAKRA_NUMBER, "13057765422").headers().firstValue("Age")).isEmpty();
		assertThat(lookup(META_NUMBER, "13057765422").headers().firstValue("Age")).as("another number").isPresent();
		assertThat(vendorCalls(chakraPath, "user_wa_id", "13057765422")).isEqualTo(2);
	}

	@Test
	void aDeliveryForAnUnknownPhoneNumberIdIsAcknowledgedAndCounted() {
		lookup(META_NUMBER, "13057765423");
		double before = count("call_permission_reply", "unknown_number");

		HttpResponse<String> delivery = deliver(
				reply("999999999999999", "13057765423", null, "accept", false, "user_action"));

		assertThat(delivery.statusCode()).isEqualTo(200);
		assertThat(lookup(META_NUMBER, "13057765423").headers().firstValue("Age")).isPresent();
		assertThat(count("call_permission_reply", "unknown_number")).isEqualTo(before + 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "{}", "null", "\"text\"", "{\"entry\":\"not a list\"}",
			"{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\"}]}",
			"{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":\"not a list\"}}]}]}",
			"{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"106540352242922\"},"
					+ "\"statuses\":[{\"id\":\"wamid.1\",\"status\":\"read\",\"recipient_id\":\"13057765424\"}]}}]}]}",
			"{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"106540352242922\"},"
					+ "\"messages\":[{\"type\":\"interactive\",\"interactive\":{\"type\":\"call_permission_reply\"}}]}}]}]}",
			"not JSON at all", "" })
	void anyCorrectlySignedBodyIsAcknowledged(String body) {
		lookup(META_NUMBER, "13057765424");

		HttpResponse<String> delivery = deliver(body);

		assertThat(delivery.statusCode()).isEqualTo(200);
		assertThat(lookup(META_NUMBER, "13057765424").headers().firstValue("Age")).isPresent();
	}

	@Test
	void oneUnreadableChangeSpoilsOnlyItself() {
		lookup(META_NUMBER, "13057765425");
		double unreadable = count("other", "unreadable");

		deliver("""
				{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
				 {"field":"messages","value":{"metadata":"not an object"}},
				 %s]}]}""".formatted(change(META_ID, "[]", "[" + replyMessage("13057765425", null) + "]")));

		assertThat(lookup(META_NUMBER, "13057765425").headers().firstValue("Age")).isEmpty();
		assertThat(count("other", "unreadable")).isEqualTo(unreadable + 1);
	}

	@Test
	void aRepeatedDeliveryIsHarmless() {
		lookup(META_NUMBER, "13057765426");
		String body = reply(META_ID, "13057765426", null, "accept", false, "user_action");

		assertThat(deliver(body).statusCode()).isEqualTo(200);
		assertThat(deliver(body).statusCode()).isEqualTo(200);
		assertThat(lookup(META_NUMBER, "13057765426").headers().firstValue("Age")).isEmpty();
		assertThat(lookup(META_NUMBER, "13057765426").headers().firstValue("Age")).isPresent();
		assertThat(vendorCalls(META_PATH, "user_wa_id", "13057765426")).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "lower-case hex, main-app-secret, lower", "upper-case hex, main-app-secret, upper",
			"the other configured app, other-app-secret, lower" })
	void aDeliverySignedWithAConfiguredSecretIsAccepted(String kind, String secret, String hexCase) {
		String user = "1305776543" + ((hexCase.equals("upper") ? 1 : 0) + (secret.equals(SECRET) ? 0 : 2));
		lookup(META_NUMBER, user);
		String body = reply(META_ID, user, null, "accept", false, "user_action");

		HttpResponse<String> delivery = post(this.port, "/webhooks/meta", body, "Content-Type", "application/json",
				"X-Hub-Signature-256", "sha256=" + hex(sign(body, secret), hexCase.equals("upper")));

		assertThat(delivery.statusCode()).isEqualTo(200);
		assertThat(lookup(META_NUMBER, user).headers().firstValue("Age")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "a wrong signature | sha256=0000000000000000000000000000000000000000000000000000000000000000",
					"a signature of another body | ANOTHER_BODY", "a secret no app is configured with | UNKNOWN_SECRET",
					"no sha256= prefix | BARE_HEX", "not hex | sha256=not-hex", "only the prefix | sha256=",
					"no signature | NONE" })
	void aDeliveryNotSignedWithAConfiguredSecretIsRefusedAndChangesNothing(String kind, String header) {
		lookup(META_NUMBER, "13057765440");
		String body = reply(META_ID, "13057765440", null, "accept", false, "user_action");
		String signature = switch (header) {
			case "ANOTHER_BODY" -> "sha256=" + hex(sign(body + " ", SECRET), false);
			case "UNKNOWN_SECRET" -> "sha256=" + hex(sign(body, "not-configured"), false);
			case "BARE_HEX" -> hex(sign(body, SECRET), false);
			default -> header;
		};
		double refused = count("delivery", "invalid_signature");

		HttpResponse<String> delivery = header.equals("NONE")
				? post(this.port, "/webhooks/meta", body, "Content-Type", "application/json") : post(this.port,
						"/webhooks/meta", body, "Content-Type", "application/json", "X-Hub-Signature-256", signature);

		assertThat(delivery.statusCode()).isEqualTo(401);
		assertThat(delivery.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(delivery).get("code").asText()).isEqualTo("INVALID_SIGNATURE");
		assertThat(lookup(META_NUMBER, "13057765440").headers().firstValue("Age")).isPresent();
		assertThat(count("delivery", "invalid_signature")).isEqualTo(refused + 1);
	}

	@Test
	void aBodyOfOneMebibyteIsAcceptedAndOneByteMoreIsRefusedWithoutEffect() throws Exception {
		lookup(META_NUMBER, "13057765441");
		String reply = reply(META_ID, "13057765441", null, "accept", false, "user_action");
		String atLimit = reply + " ".repeat(MetaWebhookController.MAX_BODY_BYTES - reply.length());
		String overLimit = atLimit + " ";

		HttpResponse<String> declaredTooLarge = deliver(overLimit);
		HttpResponse<String> chunkedTooLarge = chunked(overLimit);
		assertThat(lookup(META_NUMBER, "13057765441").headers().firstValue("Age")).isPresent();
		HttpResponse<String> atTheLimit = deliver(atLimit);

		assertThat(declaredTooLarge.statusCode()).isEqualTo(413);
		assertThat(json(declaredTooLarge).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
		assertThat(chunkedTooLarge.statusCode()).isEqualTo(413);
		assertThat(json(chunkedTooLarge).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
		assertThat(atTheLimit.statusCode()).isEqualTo(200);
		assertThat(lookup(META_NUMBER, "13057765441").headers().firstValue("Age")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "no signature | ", "not hex | sha256=not-hex", "too short | sha256=00000000",
			"only the prefix | sha256=" })
	void aDeliveryWithoutAWellFormedSignatureIsRefusedBeforeItsBodyIsSent(String kind, String header)
			throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream()
				.write(deliveryHeaders(MetaWebhookController.MAX_BODY_BYTES, header).getBytes(StandardCharsets.UTF_8));

			String response = receivedUntil(socket, "\"code\":\"INVALID_SIGNATURE\"");

			assertThat(response).startsWith("HTTP/1.1 401 ").contains("\"code\":\"INVALID_SIGNATURE\"");
		}
	}

	@Test
	void deliveriesBeingReadAtOnceHoldAtMostSixteenMebibytesAndTheRestAreAskedToComeBack() throws Exception {
		lookup(META_NUMBER, "13057765442");
		String body = reply(META_ID, "13057765442", null, "accept", false, "user_action");
		String forged = "sha256=" + "0".repeat(64);
		int bodies = MetaWebhookController.BODY_BUDGET_KIB * 1024 / MetaWebhookController.MAX_BODY_BYTES;
		String probeBody = reply(META_ID, "13057765443", null, "accept", false, "user_action");
		List<Socket> stalled = new ArrayList<>();
		try {
			Instant deadline = Instant.now().plusSeconds(10);
			HttpResponse<String> probe = null;
			do {
				if (probe != null) {
					Thread.sleep(50);
				}
				// a body that reached the budget while a probe held 1 KiB of it was
				// refused: another takes its place
				stalled.removeIf(MetaWebhookTests::closedIfAnswered);
				while (stalled.size() < bodies) {
					stalled.add(stalledDelivery(forged));
				}
				probe = deliver(probeBody);
			}
			while (probe.statusCode() != 429 && Instant.now().isBefore(deadline));
			assertThat(probe.statusCode()).isEqualTo(429);
			assertThat(stalled).as("the %d bodies being read, none refused", bodies)
				.noneMatch(MetaWebhookTests::closedIfAnswered);
			HttpResponse<String> refused = deliver(body);

			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(json(refused).get("code").asText()).isEqualTo("RATE_LIMITED");
			assertThat(lookup(META_NUMBER, "13057765442").headers().firstValue("Age")).isPresent();
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
		assertThat(untilStatus(200, body).statusCode()).isEqualTo(200);
		assertThat(lookup(META_NUMBER, "13057765442").headers().firstValue("Age")).isEmpty();
	}

	/** A delivery of 1 MiB whose body stops after its first bytes. */
	private Socket stalledDelivery(String signature) throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.getOutputStream()
			.write((deliveryHeaders(MetaWebhookController.MAX_BODY_BYTES, signature) + "{\"object\"")
				.getBytes(StandardCharsets.UTF_8));
		return socket;
	}

	/** Whether the server has answered on the socket, which is then closed. */
	private static boolean closedIfAnswered(Socket socket) {
		try {
			if (socket.getInputStream().available() == 0) {
				return false;
			}
		}
		catch (IOException ex) {
			// answered and gone
		}
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed either way
		}
		return true;
	}

	private HttpResponse<String> untilStatus(int status, String body) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(10);
		HttpResponse<String> response = deliver(body);
		while (response.statusCode() != status && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
			response = deliver(body);
		}
		assertThat(response.statusCode()).isEqualTo(status);
		return response;
	}

	/**
	 * What the server sent until the expected text, the end of the stream or 5 s of
	 * silence.
	 */
	private static String receivedUntil(Socket socket, String expected) throws IOException {
		StringBuilder received = new StringBuilder();
		byte[] buffer = new byte[4096];
		int read;
		while (!received.toString().contains(expected) && (read = socket.getInputStream().read(buffer)) > 0) {
			received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
		}
		return received.toString();
	}

	private static String deliveryHeaders(int contentLength, String signature) {
		return "POST /webhooks/meta HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ ((signature != null) ? "X-Hub-Signature-256: " + signature + "\r\n" : "") + "Content-Length: "
				+ contentLength + "\r\n\r\n";
	}

	@Test
	void theHandshakeEchoesTheChallengeForTheVerifyToken() {
		HttpResponse<String> response = send(this.port, "GET",
				"/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(response.body()).isEqualTo("1158201444");
	}

	@ParameterizedTest
	@ValueSource(strings = { "hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444",
			"hub.mode=subscribe&hub.verify_token=verify-m&hub.challenge=1158201444",
			"hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1158201444",
			"hub.mode=subscribe&hub.challenge=1158201444", "hub.mode=subscribe&hub.verify_token=verify-me", "" })
	void theHandshakeIsRefusedWithoutTheRightTokenModeAndChallenge(String query) {
		HttpResponse<String> response = send(this.port, "GET", "/webhooks/meta?" + query);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).get("code").asText()).isEqualTo("WEBHOOK_VERIFICATION_FAILED");
		assertThat(response.body()).doesNotContain("1158201444");
	}

	@Test
	void theWebhookNeedsNoApiKeyButTheLookupStillDoes() {
		assertThat(deliver(reply(META_ID, "13057765442", null, "accept", false, "user_action")).statusCode())
			.isEqualTo(200);
		assertThat(send(this.port, "GET", "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765442")
			.statusCode()).isEqualTo(401);
	}

	@ParameterizedTest(name = "no-cache: {0}")
	@CsvSource({ "false, 13057765450", "true, 13057765451" })
	void aDeliveryDuringTheVendorCallKeepsTheStaleAnswerOutOfTheCache(boolean noCache, String user) throws Exception {
		vendor.stubFor(get(urlPathEqualTo(META_PATH)).withQueryParam("user_wa_id", equalTo(user))
			.inScenario(user)
			.whenScenarioStateIs(STARTED)
			.willReturn(okJson(NO_PERMISSION).withFixedDelay(1500))
			.willSetStateTo("allowed"));
		vendor.stubFor(get(urlPathEqualTo(META_PATH)).withQueryParam("user_wa_id", equalTo(user))
			.inScenario(user)
			.whenScenarioStateIs("allowed")
			.willReturn(okJson(temporary())));

		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<HttpResponse<String>> loading = executor.submit(
					() -> noCache ? lookup(META_NUMBER, user, "Cache-Control", "no-cache") : lookup(META_NUMBER, user));
			awaitVendorCall(user);
			HttpResponse<String> delivery = deliver(reply(META_ID, user, null, "accept", false, "user_action"));
			assertThat(loading).as("the vendor call is still under way").isNotDone();
			assertThat(delivery.statusCode()).isEqualTo(200);
			assertThat(json(loading.get(10, TimeUnit.SECONDS)).at("/permission/status").asText())
				.isEqualTo("not_granted");
		}
		HttpResponse<String> after = lookup(META_NUMBER, user);

		assertThat(after.headers().firstValue("Age")).isEmpty();
		assertThat(json(after).at("/permission/status").asText()).isEqualTo("temporary");
		assertThat(vendorCalls(META_PATH, "user_wa_id", user)).isEqualTo(2);
	}

	@Test
	void eachDeliveryIsLoggedOnceWithMaskedUsersAndNeverTheSecretOrTheBody(CapturedOutput output) {
		deliver(reply(META_ID, "13057765460", "US.1000000000460", "reject", false, "automatic"));

		String line = output.getAll()
			.lines()
			.filter((candidate) -> candidate.contains("Webhook delivery provider=meta"))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(line).contains("call_permission_reply", "+1305*****60", "evicted", "reject automatic")
			.doesNotContain("13057765460", "1000000000460", SECRET, "wamid", "{");
		assertThat(output.getAll()).doesNotContain(SECRET, OTHER_APP_SECRET, "verify-me");
	}

	@Test
	void countsEveryEventByTypeAndOutcome() {
		double evicted = count("call_permission_reply", "evicted");
		double calls = count("calls", "evicted");
		double ignored = count("other", "ignored");

		deliver(reply(META_ID, "13057765461", null, "accept", false, "user_action"));
		deliver(calls(META_ID,
				"{\"id\":\"wacid.3\",\"from\":\"13057765461\",\"to\":\"14155550100\",\"event\":\"connect\"}"));
		deliver(messages(META_ID, "[]", "[{\"from\":\"13057765461\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]"));

		assertThat(count("call_permission_reply", "evicted")).isEqualTo(evicted + 1);
		assertThat(count("calls", "evicted")).isEqualTo(calls + 1);
		assertThat(count("other", "ignored")).isEqualTo(ignored + 1);
	}

	private HttpResponse<String> lookup(String businessNumber, String userDigits, String... headers) {
		return lookupQuery("businessNumber=" + encoded(businessNumber) + "&userNumber=%2B" + userDigits, headers);
	}

	private HttpResponse<String> lookupById(String businessNumber, String userId) {
		return lookupQuery("businessNumber=" + encoded(businessNumber) + "&userId=" + userId);
	}

	private HttpResponse<String> lookupQuery(String query, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "X-API-Key";
		all[1] = "key";
		System.arraycopy(headers, 0, all, 2, headers.length);
		HttpResponse<String> response = send(this.port, "GET", "/call-permissions?" + query, all);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	private HttpResponse<String> deliver(String body) {
		return post(this.port, "/webhooks/meta", body, "Content-Type", "application/json", "X-Hub-Signature-256",
				"sha256=" + hex(sign(body, SECRET), false));
	}

	/** Sent without a Content-Length, so only reading the body finds its size. */
	private HttpResponse<String> chunked(String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/webhooks/meta"))
			.header("Content-Type", "application/json")
			.header("X-Hub-Signature-256", "sha256=" + hex(sign(body, SECRET), false))
			.POST(HttpRequest.BodyPublishers
				.fromPublisher(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)))
			.build();
		try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

	private void awaitVendorCall(String user) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(5);
		while (vendorCalls(META_PATH, "user_wa_id", user) == 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(10);
		}
		assertThat(vendorCalls(META_PATH, "user_wa_id", user)).isEqualTo(1);
	}

	private double count(String type, String outcome) {
		Counter counter = this.meterRegistry.find("call.permissions.webhook.events")
			.tags("provider", "meta", "type", type, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static void stubUser(String path, String parameter, String value, ResponseDefinitionBuilder response) {
		vendor.stubFor(get(urlPathEqualTo(path)).withQueryParam(parameter, equalTo(value)).willReturn(response));
	}

	private static int vendorCalls(String path, String parameter, String value) {
		return vendor.findAll(getRequestedFor(urlPathEqualTo(path)).withQueryParam(parameter, equalTo(value))).size();
	}

	static String reply(String phoneNumberId, String from, String fromUserId, String response, boolean permanent,
			String source, String... contacts) {
		String expiry = (response.equals("accept") && !permanent) ? ",\"expiration_timestamp\":\"1768550400\"" : "";
		return messages(phoneNumberId, "[" + String.join(",", contacts) + "]",
				"[" + replyMessage(from, fromUserId).replace("REPLY", """
						{"response":"%s","is_permanent":%s%s,"response_source":"%s"}""".formatted(response, permanent,
						expiry, source)) + "]");
	}

	private static String replyMessage(String from, String fromUserId) {
		return "{" + ((from != null) ? "\"from\":\"" + from + "\"," : "")
				+ ((fromUserId != null) ? "\"from_user_id\":\"" + fromUserId + "\"," : "")
				+ "\"id\":\"wamid.HBgLMTMwNTc3NjU0NTY\",\"timestamp\":\"1767168000\","
				+ "\"context\":{\"id\":\"wamid.HBgLMTMwNTc3NjU0NTYVAgARGBI\"},\"type\":\"interactive\","
				+ "\"interactive\":{\"type\":\"call_permission_reply\",\"call_permission_reply\":REPLY}}";
	}

	static String messages(String phoneNumberId, String contacts, String messages) {
		return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":["
				+ change(phoneNumberId, contacts, messages) + "]}]}";
	}

	private static String change(String phoneNumberId, String contacts, String messages) {
		return "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
				+ "{\"display_phone_number\":\"14155550100\",\"phone_number_id\":\"" + phoneNumberId
				+ "\"},\"contacts\":" + contacts + ",\"messages\":"
				+ messages.replace("REPLY", "{\"response\":\"accept\",\"response_source\":\"user_action\"}") + "}}";
	}

	private static String calls(String phoneNumberId, String call) {
		return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":["
				+ "{\"field\":\"calls\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
				+ "{\"display_phone_number\":\"14155550100\",\"phone_number_id\":\"" + phoneNumberId + "\"},\"calls\":["
				+ call + "]}}]}]}";
	}

	static byte[] sign(String body, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] bytes, boolean upperCase) {
		return (upperCase ? HexFormat.of().withUpperCase() : HexFormat.of()).formatHex(bytes);
	}

	private static String encoded(String number) {
		return number.replace("+", "%2B");
	}

	private static final String NO_PERMISSION = """
			{"messaging_product":"whatsapp","permission":{"status":"no_permission"},"actions":[
			 {"action_name":"send_call_permission_request","can_perform_action":true,"limits":[]}]}""";

	private static String temporary() {
		return temporaryWithUsage(0);
	}

	private static String temporaryWithUsage(int usage) {
		return """
				{"messaging_product":"whatsapp","permission":{"status":"temporary","expiration_time":%d},"actions":[
				 {"action_name":"start_call","can_perform_action":true,
				  "limits":[{"time_period":"PT24H","max_allowed":100,"current_usage":%d}]}]}"""
			.formatted(Instant.now().plus(Duration.ofDays(5)).getEpochSecond(), usage);
	}

}
