package dev.callpermissions.provider;

import java.util.List;

import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.UserId;

/**
 * One event of a webhook delivery, as its vendor's reader understood it.
 *
 * @param type what kind of event it is, for metrics and logs:
 * {@code call_permission_reply}, {@code calls}, {@code other} (nothing a permission
 * depends on) or {@code delivery} (the body as a whole)
 * @param reading whether it changes users' permissions, says nothing about them, or could
 * not be read
 * @param phoneNumberId the vendor's id of the business number it concerns, or
 * {@code null}
 * @param users the users whose cached answers it makes stale (only when
 * {@link Reading#CHANGES_USERS})
 * @param note what the log says about it beyond its type (why it could not be read, the
 * user's answer); never a user's number or id
 */
public record WebhookEvent(String type, Reading reading, String phoneNumberId, List<User> users, String note) {

	public WebhookEvent {
		users = (users != null) ? List.copyOf(users) : List.of();
	}

	public static WebhookEvent changes(String type, String phoneNumberId, List<User> users, String note) {
		return new WebhookEvent(type, Reading.CHANGES_USERS, phoneNumberId, users, note);
	}

	public static WebhookEvent ignored(String type) {
		return new WebhookEvent(type, Reading.IGNORED, null, List.of(), null);
	}

	public static WebhookEvent unreadable(String type, String note) {
		return new WebhookEvent(type, Reading.UNREADABLE, null, List.of(), note);
	}

	/**
	 * What an event means for the cached answers.
	 */
	public enum Reading {

		/** The users' permission or usage changed: their cached answers are stale. */
		CHANGES_USERS,

		/** Nothing a cached answer depends on. */
		IGNORED,

		/** Part of a correctly signed delivery the reader could not make sense of. */
		UNREADABLE

	}

	/**
	 * A user as one event spells them: by phone number, business-scoped user id or both
	 * (at least one is present).
	 *
	 * @param number the phone number, or {@code null}
	 * @param id the business-scoped user id, or {@code null}
	 */
	public record User(PhoneNumber number, UserId id) {

		public User {
			if (number == null && id == null) {
				throw new IllegalArgumentException("A user needs a phone number or a user id");
			}
		}

		/**
		 * The masked spellings, for logs.
		 */
		public String masked() {
			if (this.number != null && this.id != null) {
				return this.number.masked() + "|" + this.id.masked();
			}
			return (this.number != null) ? this.number.masked() : this.id.masked();
		}

	}

}
