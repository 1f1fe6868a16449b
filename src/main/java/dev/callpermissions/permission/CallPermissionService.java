package dev.callpermissions.permission;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.UserId;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.ProviderAnswer;
import dev.callpermissions.provider.ProviderRegistry;
import dev.callpermissions.provider.Route;

import org.springframework.stereotype.Service;

/**
 * Answers a lookup: routes the business number to its account's provider, asks the vendor
 * and derives the canonical answer.
 */
@Service
public class CallPermissionService {

	private final ProviderRegistry providers;

	private final UnknownStatusRecorder unknownStatuses;

	private final Clock clock;

	CallPermissionService(ProviderRegistry providers, UnknownStatusRecorder unknownStatuses, Clock clock) {
		this.providers = providers;
		this.unknownStatuses = unknownStatuses;
		this.clock = clock;
	}

	/**
	 * @throws UnknownBusinessNumberException if no channel has the business number
	 * @throws LookupNotSupportedException if the provider cannot look up a user id
	 * @throws dev.callpermissions.provider.ProviderException if the vendor gave no answer
	 */
	public CallPermission lookup(PhoneNumber businessNumber, WhatsAppUser user, boolean includeRaw) {
		Route route = route(businessNumber, user);
		ProviderAnswer answer = route.provider().lookup(route.channel(), user);
		return answer(route, businessNumber, user, answer, includeRaw);
	}

	/**
	 * The route for a lookup, checked for what the provider supports.
	 */
	Route route(PhoneNumber businessNumber, WhatsAppUser user) {
		Route route = this.providers.route(businessNumber)
			.orElseThrow(() -> new UnknownBusinessNumberException(businessNumber.value()));
		if (user instanceof UserId && !route.type().supportsUserIdLookups()) {
			throw new LookupNotSupportedException(route.type().id());
		}
		return route;
	}

	/**
	 * The canonical answer to what the vendor reported, as of now.
	 */
	CallPermission answer(Route route, PhoneNumber businessNumber, WhatsAppUser user, ProviderAnswer answer,
			boolean includeRaw) {
		if (answer.permission().status() == PermissionStatus.UNKNOWN) {
			this.unknownStatuses.record(route.type().id(), answer.permission().providerStatus());
		}
		LookupSubject subject = new LookupSubject(route.type().id(), route.accountName(), businessNumber.value(),
				(user instanceof PhoneNumber) ? user.value() : null, (user instanceof UserId) ? user.value() : null);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String raw = (includeRaw && answer.rawBody() != null) ? new String(answer.rawBody(), StandardCharsets.UTF_8)
				: null;
		return CallPermission.derive(subject, answer.permission(), answer.actions(), now, raw);
	}

}
