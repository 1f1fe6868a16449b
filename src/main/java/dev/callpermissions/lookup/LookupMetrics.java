package dev.callpermissions.lookup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.callpermissions.system.LogContext;
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

	private final MeterRegistry registry;

	/**
	 * One timer per tag combination, registered once: outcomes are a closed set and
	 * clients are configured, so this stays small.
	 */
	private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	LookupMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String outcome, boolean fromCache, long nanos) {
		String client = MDC.get(LogContext.CLIENT);
		TimerKey key = new TimerKey(outcome, fromCache, (client != null) ? client : "none");
		this.timers.computeIfAbsent(key, this::register).record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer register(TimerKey key) {
		return Timer.builder("call.permissions.lookups")
			.description("Call-permission lookups as the clients see them")
			.tags("outcome", key.outcome(), "cache", key.fromCache() ? "hit" : "miss", "client", key.client())
			.register(this.registry);
	}

	private record TimerKey(String outcome, boolean fromCache, String client) {
	}

}
