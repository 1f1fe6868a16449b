package dev.callpermissions.permission;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * Times lookups as their clients see them ({@code call.permissions.lookups}), tagged with
 * the outcome ({@code ok} or the problem's code), whether the cache answered and the
 * client that asked.
 */
@Component
class LookupMetrics {

	/** The MDC key the security configuration puts the client's name under. */
	private static final String CLIENT = "client";

	private final Timer.Builder timer = Timer.builder("call.permissions.lookups")
		.description("Call-permission lookups as the clients see them");

	private final MeterRegistry registry;

	LookupMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String outcome, boolean fromCache, long nanos) {
		String client = MDC.get(CLIENT);
		this.timer
			.tags("outcome", outcome, "cache", fromCache ? "hit" : "miss", "client", (client != null) ? client : "none")
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

}
