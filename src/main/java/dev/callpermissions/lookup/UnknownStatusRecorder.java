package dev.callpermissions.lookup;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Counts vendor statuses this service does not know, and logs each new one once.
 */
@Component
class UnknownStatusRecorder {

	private static final Logger logger = LoggerFactory.getLogger(UnknownStatusRecorder.class);

	/** Bounds memory if a vendor invents a new word per answer. */
	private static final int MAX_LOGGED_VALUES = 100;

	private final Set<String> loggedValues = ConcurrentHashMap.newKeySet();

	private final MeterRegistry meterRegistry;

	UnknownStatusRecorder(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	void record(String provider, String vendorStatus) {
		Counter.builder("call.permissions.unknown.status")
			.description("Vendor answers with a permission status this service does not know")
			.tag("provider", provider)
			.register(this.meterRegistry)
			.increment();
		String key = provider + ":" + vendorStatus;
		if (this.loggedValues.size() < MAX_LOGGED_VALUES && this.loggedValues.add(key)) {
			logger.warn("Provider {} sent the unknown permission status '{}'; answering status unknown", provider,
					sanitized(vendorStatus));
		}
	}

	private static String sanitized(String value) {
		if (value == null) {
			return "null";
		}
		String printable = value.replaceAll("[^\\p{Alnum}_\\-. ]", "?");
		return (printable.length() > 64) ? printable.substring(0, 64) + "…" : printable;
	}

}
