package dev.callpermissions.provider.meta;

import java.util.ArrayList;
import java.util.List;

import dev.callpermissions.phone.InvalidPhoneNumberException;
import dev.callpermissions.phone.InvalidUserIdException;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.UserId;
import dev.callpermissions.provider.WebhookEvent;
import dev.callpermissions.provider.WebhookEvent.User;

/**
 * Turns one change of Meta's webhook into the users whose call permission or call usage
 * it says changed, on the phone-number id it names. Pure: no clock, no I/O.
 */
final class GraphWebhookMapper {

	static final String CALL_PERMISSION_REPLY = "call_permission_reply";

	static final String CALLS = "calls";

	static final String OTHER = "other";

	private GraphWebhookMapper() {
	}

	static List<WebhookEvent> events(GraphWebhookWire.Change change) {
		if (change == null || change.value() == null) {
			return List.of(WebhookEvent.unreadable(OTHER, "a change without a value"));
		}
		GraphWebhookWire.Value value = change.value();
		GraphWebhookWire.Metadata metadata = value.metadata();
		String phoneNumberId = (metadata != null) ? present(metadata.phoneNumberId()) : null;
		List<GraphWebhookWire.Contact> contacts = orEmpty(value.contacts());
		List<WebhookEvent> events = new ArrayList<>();
		for (GraphWebhookWire.Message message : orEmpty(value.messages())) {
			GraphWebhookWire.CallPermissionReply reply = reply(message);
			if (reply == null) {
				events.add(WebhookEvent.ignored(OTHER));
				continue;
			}
			User user = user(message.from(), message.fromUserId(), contacts);
			events.add(event(CALL_PERMISSION_REPLY, phoneNumberId, (user != null) ? List.of(user) : List.of(),
					describe(reply)));
		}
		PhoneNumber business = (metadata != null) ? phoneNumber(metadata.displayPhoneNumber()) : null;
		for (GraphWebhookWire.Call call : orEmpty(value.calls())) {
			if (call == null) {
				events.add(WebhookEvent.unreadable(CALLS, "an empty calls event"));
				continue;
			}
			// the user is whichever of from and to is not the business
			List<User> users = new ArrayList<>(2);
			addUnlessBusiness(users, user(call.from(), call.fromUserId(), contacts), business);
			addUnlessBusiness(users, user(call.to(), call.toUserId(), contacts), business);
			events.add(event(CALLS, phoneNumberId, users, call.event()));
		}
		if (events.isEmpty()) {
			events.add(WebhookEvent.ignored(OTHER));
		}
		return events;
	}

	private static WebhookEvent event(String type, String phoneNumberId, List<User> users, String note) {
		if (phoneNumberId == null) {
			return WebhookEvent.unreadable(type, "no metadata.phone_number_id");
		}
		if (users.isEmpty()) {
			return WebhookEvent.unreadable(type, "no readable user");
		}
		return WebhookEvent.changes(type, phoneNumberId, users, note);
	}

	/** A {@code call_permission_reply} interactive message, or {@code null}. */
	private static GraphWebhookWire.CallPermissionReply reply(GraphWebhookWire.Message message) {
		if (message == null || message.interactive() == null
				|| !CALL_PERMISSION_REPLY.equals(message.interactive().type())) {
			return null;
		}
		GraphWebhookWire.CallPermissionReply reply = message.interactive().callPermissionReply();
		return (reply != null) ? reply : new GraphWebhookWire.CallPermissionReply(null, null, null, null);
	}

	/**
	 * accept/reject, permanent or not, and why: {@code reject automatic} is Meta's
	 * auto-revocation.
	 */
	private static String describe(GraphWebhookWire.CallPermissionReply reply) {
		return reply.response() + (Boolean.TRUE.equals(reply.isPermanent()) ? " permanent" : "") + " "
				+ reply.responseSource();
	}

	private static void addUnlessBusiness(List<User> users, User user, PhoneNumber business) {
		if (user != null && (business == null || !business.equals(user.number()))) {
			users.add(user);
		}
	}

	/**
	 * A user by whatever spellings the event gives, completed from {@code contacts[]},
	 * which pairs {@code wa_id} with {@code user_id}; {@code null} when neither is
	 * readable.
	 */
	private static User user(String numberText, String idText, List<GraphWebhookWire.Contact> contacts) {
		PhoneNumber number = phoneNumber(numberText);
		UserId id = userId(idText);
		if (number == null && id == null) {
			return null;
		}
		for (GraphWebhookWire.Contact contact : contacts) {
			if (contact == null || (number != null && id != null)) {
				continue;
			}
			PhoneNumber contactNumber = phoneNumber(contact.waId());
			UserId contactId = userId(contact.userId());
			if (number != null && number.equals(contactNumber)) {
				id = contactId;
			}
			else if (id != null && id.equals(contactId)) {
				number = contactNumber;
			}
		}
		return new User(number, id);
	}

	private static PhoneNumber phoneNumber(String text) {
		if (present(text) == null) {
			return null;
		}
		try {
			return PhoneNumber.parse(text);
		}
		catch (InvalidPhoneNumberException ex) {
			return null;
		}
	}

	private static UserId userId(String text) {
		if (present(text) == null) {
			return null;
		}
		try {
			return UserId.parse(text);
		}
		catch (InvalidUserIdException ex) {
			return null;
		}
	}

	private static String present(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private static <T> List<T> orEmpty(List<T> list) {
		return (list != null) ? list : List.of();
	}

}
