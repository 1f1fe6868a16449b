package dev.callpermissions.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.UserId;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.WebhookEvent;

import org.springframework.stereotype.Component;

/**
 * Remembers, per business number, which phone number and business-scoped user id are the
 * same user, as deliveries that carry both show it, so that a delivery naming only one
 * drops the answers cached under the other too. Business-scoped ids differ between
 * businesses, hence the business number in the key. Bounded in size and time: a forgotten
 * pair only means the other spelling's answer lives out its {@code cache.ttl}.
 */
@Component
class UserSpellings {

	private static final int MAX_SPELLINGS = 100_000;

	private static final Duration REMEMBERED_FOR = Duration.ofDays(30);

	private final Cache<String, String> otherSpelling = Caffeine.newBuilder()
		.maximumSize(MAX_SPELLINGS)
		.expireAfterWrite(REMEMBERED_FOR)
		.build();

	/**
	 * Every spelling of the user known on this business number, learning the pair when
	 * the event carries both.
	 */
	List<WhatsAppUser> all(String businessNumber, WebhookEvent.User user) {
		PhoneNumber number = user.number();
		UserId id = user.id();
		if (number != null && id != null) {
			this.otherSpelling.put(key(businessNumber, number), id.value());
			this.otherSpelling.put(key(businessNumber, id), number.value());
		}
		else if (number != null) {
			String known = this.otherSpelling.getIfPresent(key(businessNumber, number));
			id = (known != null) ? new UserId(known) : null;
		}
		else {
			String known = this.otherSpelling.getIfPresent(key(businessNumber, id));
			number = (known != null) ? new PhoneNumber(known) : null;
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

	private static String key(String businessNumber, WhatsAppUser user) {
		return businessNumber + ((user instanceof UserId) ? " id:" : " ") + user.value();
	}

}
