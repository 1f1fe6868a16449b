package dev.callpermissions.provider.meta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.UserId;
import dev.callpermissions.provider.WebhookEvent;
import dev.callpermissions.provider.WebhookEvent.Reading;
import dev.callpermissions.provider.WebhookEvent.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meta's webhook deliveries, read from fixtures built on the examples of "Obtain User
 * Call Permissions" and the calls webhook.
 */
class GraphWebhookReaderTests {

	private static final PhoneNumber USER_NUMBER = PhoneNumber.parse("+13057765456");

	private static final UserId USER_ID = UserId.parse("US.13491208655302741918");

	private final GraphWebhookReader reader = new GraphWebhookReader(new ObjectMapper());

	@Test
	void readsAReplyAsAChangeOfBothSpellingsOfTheUserOnItsPhoneNumberId() {
		List<WebhookEvent> events = read("webhook-call-permission-reply.json");

		assertThat(events).containsExactly(WebhookEvent.changes("call_permission_reply", "106540352242922",
				List.of(new User(USER_NUMBER, USER_ID)), "accept user_action"));
	}

	@Test
	void readsAUserIdOnlyReply() {
		List<WebhookEvent> events = read("webhook-call-permission-reply-user-id-only.json");

		assertThat(events).containsExactly(WebhookEvent.changes("call_permission_reply", "106540352242922",
				List.of(new User(null, USER_ID)), "reject automatic"));
	}

	@Test
	void readsTheExpiryAsAStringOrANumber() {
		String withNumber = fixture("webhook-call-permission-reply.json")
			.replace("\"expiration_timestamp\": \"1768550400\"", "\"expiration_timestamp\": 1768550400");

		assertThat(this.reader.read(withNumber.getBytes(StandardCharsets.UTF_8))).extracting(WebhookEvent::reading)
			.containsExactly(Reading.CHANGES_USERS);
	}

	@Test
	void takesTheUserOfACallToBeWhicheverPartyIsNotTheBusiness() {
		List<WebhookEvent> events = read("webhook-calls-business-initiated.json");

		assertThat(events).containsExactly(
				WebhookEvent.changes("calls", "106540352242922", List.of(new User(USER_NUMBER, USER_ID)), "connect"));
	}

	@Test
	void ignoresWhatSaysNothingAboutPermissions() {
		assertThat(read("webhook-message-status.json")).containsExactly(WebhookEvent.ignored("other"));
		String textMessage = fixture("webhook-call-permission-reply.json")
			.replace("\"type\": \"call_permission_reply\"", "\"type\": \"button_reply\"");
		assertThat(this.reader.read(textMessage.getBytes(StandardCharsets.UTF_8)))
			.containsExactly(WebhookEvent.ignored("other"));
	}

	@Test
	void reportsAReplyWithoutAPhoneNumberIdOrAReadableUserAsUnreadable() {
		String noId = fixture("webhook-call-permission-reply.json").replace("\"phone_number_id\": \"106540352242922\"",
				"\"phone_number_id\": \"\"");
		String noUser = fixture("webhook-call-permission-reply.json").replace("\"from\": \"13057765456\",",
				"\"from\": \"not a number\",");

		assertThat(this.reader.read(noId.getBytes(StandardCharsets.UTF_8)))
			.containsExactly(WebhookEvent.unreadable("call_permission_reply", "no metadata.phone_number_id"));
		assertThat(this.reader.read(noUser.getBytes(StandardCharsets.UTF_8)))
			.containsExactly(WebhookEvent.unreadable("call_permission_reply", "no readable user"));
	}

	@Test
	void oneChangeOfUnexpectedShapeSpoilsOnlyItself() throws IOException {
		String change = new ObjectMapper().readTree(fixture("webhook-call-permission-reply.json"))
			.at("/entry/0/changes/0")
			.toString();
		String body = "{\"entry\":[{\"changes\":[{\"field\":\"calls\",\"value\":{\"calls\":\"nope\"}}," + change
				+ "]}]}";

		assertThat(this.reader.read(body.getBytes(StandardCharsets.UTF_8))).extracting(WebhookEvent::reading)
			.containsExactly(Reading.UNREADABLE, Reading.CHANGES_USERS);
	}

	@Test
	void reportsABodyThatIsNotADeliveryAsUnreadable() {
		for (String body : new String[] { "", "not JSON", "[]", "{}", "{\"entry\":{}}" }) {
			assertThat(this.reader.read(body.getBytes(StandardCharsets.UTF_8))).as(body)
				.extracting(WebhookEvent::type, WebhookEvent::reading)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("delivery", Reading.UNREADABLE));
		}
	}

	private List<WebhookEvent> read(String name) {
		return this.reader.read(fixture(name).getBytes(StandardCharsets.UTF_8));
	}

	private static String fixture(String name) {
		try (InputStream in = GraphWebhookReaderTests.class.getResourceAsStream("/meta/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
