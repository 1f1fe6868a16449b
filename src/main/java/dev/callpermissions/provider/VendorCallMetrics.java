package dev.callpermissions.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's vendor calls: a timer per outcome ({@code call.permissions.vendor.calls},
 * tagged provider, account and outcome) and one log line per call. The line names no URL:
 * vendors put users' numbers in it.
 */
final class VendorCallMetrics {

	private static final Logger logger = LoggerFactory.getLogger(VendorClient.class);

	private final MeterRegistry registry;

	private final String provider;

	private final String account;

	/** Registered once per outcome, not looked up on every call. */
	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	VendorCallMetrics(MeterRegistry registry, String provider, String account) {
		this.registry = registry;
		this.provider = provider;
		this.account = account;
	}

	void record(String outcome, long nanos) {
		this.timers.computeIfAbsent(outcome, this::timer).record(nanos, TimeUnit.NANOSECONDS);
		if (logger.isInfoEnabled()) {
			logger.info("Vendor call provider={} account={} outcome={} duration={}ms", this.provider, this.account,
					outcome, TimeUnit.NANOSECONDS.toMillis(nanos));
		}
	}

	private Timer timer(String outcome) {
		return Timer.builder("call.permissions.vendor.calls")
			.description("HTTP calls to the vendors, one per attempt")
			.tag("provider", this.provider)
			.tag("account", this.account)
			.tag("outcome", outcome)
			.register(this.registry);
	}

}
