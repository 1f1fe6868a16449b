package dev.callpermissions.webhook;

import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.callpermissions.lookup.store.SharedSpellings;
import dev.callpermissions.phone.InvalidPhoneNumberException;
import dev.callpermissions.phone.InvalidUserIdException;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.UserId;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.WebhookEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Remembers, per business number, which phone number and business-scoped user id are the
 * same user, as deliveries that carry both show it, so that a delivery naming only one
 * drops the answers cached under the other too. Business-scoped ids differ between
 * businesses, hence the business number in the key. With {@code cache.store: redis} the
 * pairs are shared, so a delivery that reaches another replica finds them too. Bounded in
 * size and time: a forgotten pair only means the other spelling's answer lives out its
 * {@code cache.ttl}.
 */
@Component
class UserSpellings {

	private static final int MAX_SPELLINGS = 100_000;

	private final Cache<String, String> otherSpelling = Caffeine.newBuilder()
		.maximumSize(MAX_SPELLINGS)
		.expireAfterWrite(SharedSpellings.REMEMBERED_FOR)
		.build();

	private final SharedSpellings shared;

	UserSpellings(ObjectProvider<SharedSpellings> shared) {
		this.shared = shared.getIfAvailable();
	}

	/**
	 * Every spelling of the user known on this business number, learning the pair when
	 * the event carries both.
	 */
	List<WhatsAppUser> all(String businessNumber, WebhookEvent.User user) {
		PhoneNumber number = user.number();
		UserId id = user.id();
		if (number != null && id != null) {
			// remembered again each time: for 30 days after it was last seen
			remember(businessNumber, number, id);
			if (this.shared != null) {
				this.shared.pair(businessNumber, number.value(), id.value());
			}
		}
		else if (number != null) {
			String known = this.otherSpelling.getIfPresent(key(businessNumber, number));
			if (known == null && this.shared != null) {
				known = this.shared.userIdOf(businessNumber, number.value());
			}
			id = userIdOrNull(known);
			if (id != null) {
				remember(businessNumber, number, id);
			}
		}
		else {
			String known = this.otherSpelling.getIfPresent(key(businessNumber, id));
			if (known == null && this.shared != null) {
				known = this.shared.phoneNumberOf(businessNumber, id.value());
			}
			number = phoneNumberOrNull(known);
			if (number != null) {
				remember(businessNumber, number, id);
			}
		}
		List<WhatsAppUser> spellings = new ArrayList<>(2);
		if (number != null) {
			spellings.add(number);
		}
		if (id != null) {
			spellings.add(id);
		}
		return spellings;
	}

	private void remember(String businessNumber, PhoneNumber number, UserId id) {
		this.otherSpelling.put(key(businessNumber, number), id.value());
		this.otherSpelling.put(key(businessNumber, id), number.value());
	}

	/** Spellings as stored: one that does not read (another release's) is none. */
	private static UserId userIdOrNull(String value) {
		try {
			return new UserId(value);
		}
		catch (InvalidUserIdException ex) {
			return null;
		}
	}

	private static PhoneNumber phoneNumberOrNull(String value) {
		try {
			return new PhoneNumber(value);
		}
		catch (InvalidPhoneNumberException ex) {
			return null;
		}
	}

	private static String key(String businessNumber, WhatsAppUser user) {
		return businessNumber + ((user instanceof UserId) ? " id:" : " ") + user.value();
	}

}
