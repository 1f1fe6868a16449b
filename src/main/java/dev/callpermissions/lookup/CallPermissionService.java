package dev.callpermissions.lookup;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import dev.callpermissions.permission.CallPermission;
import dev.callpermissions.permission.LookupSubject;
import dev.callpermissions.permission.PermissionStatus;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.UserId;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.ProviderAnswer;
import dev.callpermissions.provider.ProviderRegistry;
import dev.callpermissions.provider.Route;
import dev.callpermissions.system.ApiException;
import dev.callpermissions.system.LogContext;
import org.slf4j.MDC;

import org.springframework.stereotype.Service;

/**
 * Answers a lookup: routes the business number to its account's provider, asks the vendor
 * and derives the canonical answer.
 */
@Service
class CallPermissionService {

	private final ProviderRegistry providers;

	private final CallPermissionCache cache;

	private final RefreshBudget refreshBudget;

	private final UnknownStatusRecorder unknownStatuses;

	private final Clock clock;

	private final LookupMetrics metrics;

	CallPermissionService(ProviderRegistry providers, CallPermissionCache cache, RefreshBudget refreshBudget,
			UnknownStatusRecorder unknownStatuses, LookupMetrics metrics, Clock clock) {
		this.providers = providers;
		this.refreshBudget = refreshBudget;
		this.metrics = metrics;
		this.cache = cache;
		this.unknownStatuses = unknownStatuses;
		this.clock = clock;
	}

	/**
	 * The answer, from the cache unless {@code refresh} or not cached.
	 * @throws UnknownBusinessNumberException if no channel has the business number
	 * @throws LookupNotSupportedException if the provider cannot look up a user id
	 * @throws dev.callpermissions.provider.ProviderException if the vendor gave no answer
	 */
	ServedAnswer lookup(PhoneNumber businessNumber, WhatsAppUser user, boolean includeRaw, boolean refresh) {
		long started = System.nanoTime();
		MDC.put(LogContext.USER, user.masked());
		Route route = null;
		try {
			route = route(businessNumber);
			requireSupported(route, user);
			CallPermissionCache.Key key = cacheKey(route, businessNumber, user);
			Route routed = route;
			Supplier<ProviderAnswer> vendorCall = () -> routed.provider().lookup(routed.channel(), user);
			if (refresh || includeRaw) {
				this.refreshBudget.spend(route);
			}
			CallPermissionCache.Lookup lookup = includeRaw ? this.cache.getWithVendorBody(key, vendorCall)
					: this.cache.get(key, vendorCall, refresh);
			ServedAnswer result = new ServedAnswer(
					answer(route, businessNumber, user, lookup.entry(), includeRaw ? lookup.rawBody() : null),
					lookup.fromCache());
			this.metrics.record(route, "ok", result.fromCache(), System.nanoTime() - started);
			return result;
		}
		catch (ApiException ex) {
			this.metrics.record(route, ex.errorCode().name(), false, System.nanoTime() - started);
			throw ex;
		}
		finally {
			MDC.remove(LogContext.USER);
		}
	}

	/**
	 * The answer this replica holds for the lookup, or null when the lookup has to go the
	 * whole way: an unknown business number, a user the vendor cannot be asked about, or
	 * no answer held here. Only an answer is recorded, as {@link #lookup} would.
	 */
	ServedAnswer heldAnswer(PhoneNumber businessNumber, WhatsAppUser user) {
		long started = System.nanoTime();
		Route route = this.providers.route(businessNumber).orElse(null);
		if (route == null || (user instanceof UserId && !route.vendor().acceptsUserIds())) {
			return null;
		}
		CallPermissionCache.Entry entry = this.cache.heldHere(cacheKey(route, businessNumber, user));
		if (entry == null) {
			return null;
		}
		MDC.put(LogContext.USER, user.masked());
		try {
			ServedAnswer result = new ServedAnswer(answer(route, businessNumber, user, entry, null), true);
			this.metrics.record(route, "ok", true, System.nanoTime() - started);
			return result;
		}
		finally {
			MDC.remove(LogContext.USER);
		}
	}

	static CallPermissionCache.Key cacheKey(Route route, PhoneNumber businessNumber, WhatsAppUser user) {
		return CallPermissionCache.key(route.accountName(), businessNumber.value(), user);
	}

	/**
	 * The route for a business number.
	 * @throws UnknownBusinessNumberException if no channel has the business number
	 */
	Route route(PhoneNumber businessNumber) {
		return this.providers.route(businessNumber)
			.orElseThrow(() -> new UnknownBusinessNumberException(businessNumber.value()));
	}

	/**
	 * @throws LookupNotSupportedException if the route's provider cannot look up the user
	 * as given
	 */
	static void requireSupported(Route route, WhatsAppUser user) {
		if (user instanceof UserId && !route.vendor().acceptsUserIds()) {
			throw new LookupNotSupportedException(route.vendor().id());
		}
	}

	/**
	 * The canonical answer to what the vendor reported, as of now.
	 */
	CallPermission answer(Route route, PhoneNumber businessNumber, WhatsAppUser user, CallPermissionCache.Entry entry,
			byte[] rawBody) {
		if (entry.permission().status() == PermissionStatus.UNKNOWN) {
			this.unknownStatuses.record(route.vendor().id(), entry.permission().providerStatus());
		}
		LookupSubject subject = new LookupSubject(route.vendor().id(), route.accountName(), businessNumber.value(),
				(user instanceof PhoneNumber) ? user.value() : null, (user instanceof UserId) ? user.value() : null);
		Instant now = this.clock.instant();
		String raw = (rawBody != null) ? new String(rawBody, StandardCharsets.UTF_8) : null;
		return CallPermission.derive(subject, entry.permission(), entry.actions(), entry.callAllowed(), now,
				entry.retrievedAt(), raw);
	}

}
