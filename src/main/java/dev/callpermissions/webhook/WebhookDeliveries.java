package dev.callpermissions.webhook;

import java.util.ArrayList;
import java.util.List;

import dev.callpermissions.lookup.CallPermissionCache;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.provider.ProviderRegistry;
import dev.callpermissions.provider.Route;
import dev.callpermissions.provider.WebhookEvent;
import dev.callpermissions.provider.WebhookReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Acts on a correctly signed delivery: routes each change by the phone-number id it names
 * and drops the cached answers of the users it names, under every spelling known. Never
 * fails: what cannot be read or routed is counted and logged, and the delivery is still
 * acknowledged, since the vendor would otherwise retry it for days.
 */
@Service
class WebhookDeliveries {

	private static final Logger logger = LoggerFactory.getLogger(WebhookDeliveries.class);

	private static final String DELIVERY = "delivery";

	private final ProviderRegistry providers;

	private final CallPermissionCache cache;

	private final UserSpellings spellings;

	private final WebhookMetrics metrics;

	WebhookDeliveries(ProviderRegistry providers, CallPermissionCache cache, UserSpellings spellings,
			WebhookMetrics metrics) {
		this.providers = providers;
		this.cache = cache;
		this.spellings = spellings;
		this.metrics = metrics;
	}

	void deliver(WebhookReader reader, byte[] body) {
		List<WebhookEvent> events;
		try {
			events = reader.read(body);
		}
		catch (RuntimeException ex) {
			events = List.of(WebhookEvent.unreadable(DELIVERY, "the reader failed: " + ex.getClass().getSimpleName()));
		}
		List<String> summary = new ArrayList<>();
		int ignored = 0;
		try (CallPermissionCache.Evictions evictions = this.cache.evictions()) {
			for (WebhookEvent event : events) {
				if (event.reading() == WebhookEvent.Reading.IGNORED) {
					ignored++;
					this.metrics.count(reader.vendor(), event.type(), "ignored");
					continue;
				}
				summary.add(apply(reader.vendor(), event, evictions));
			}
		}
		if (ignored > 0) {
			summary.add("ignored=" + ignored);
		}
		logger.info("Webhook delivery provider={} bytes={} events=[{}]", reader.vendor(), body.length,
				String.join("; ", summary));
	}

	/** One event's effect, as the log line tells it. */
	private String apply(String vendor, WebhookEvent event, CallPermissionCache.Evictions evictions) {
		String outcome;
		StringBuilder line = new StringBuilder(event.type());
		if (event.reading() == WebhookEvent.Reading.UNREADABLE) {
			outcome = "unreadable";
		}
		else {
			List<Route> routes = this.providers.routesByPhoneNumberId(event.phoneNumberId());
			outcome = routes.isEmpty() ? "unknown_number" : "evicted";
			line.append(" phone_number_id=").append(printable(event.phoneNumberId())).append(" users=");
			line.append(String.join(",", event.users().stream().map(WebhookEvent.User::masked).toList()));
			if (!routes.isEmpty()) {
				line.append(" dropped=").append(evict(routes, event.users(), evictions));
			}
		}
		this.metrics.count(vendor, event.type(), outcome);
		line.append(' ').append(outcome);
		if (event.note() != null) {
			line.append(" (").append(printable(event.note())).append(')');
		}
		return line.toString();
	}

	private int evict(List<Route> routes, List<WebhookEvent.User> users, CallPermissionCache.Evictions evictions) {
		int dropped = 0;
		for (Route route : routes) {
			String businessNumber = PhoneNumber.parse(route.channel().businessNumber()).value();
			for (WebhookEvent.User user : users) {
				dropped += evictions.evict(route.accountName(), businessNumber,
						this.spellings.all(businessNumber, user));
			}
		}
		return dropped;
	}

	/** Vendor text in a log line: no line breaks or markup, and short. */
	private static String printable(String text) {
		String printable = text.replaceAll("[^\\p{Alnum}_\\-. ]", "?");
		return (printable.length() > 64) ? printable.substring(0, 64) + "…" : printable;
	}

}
