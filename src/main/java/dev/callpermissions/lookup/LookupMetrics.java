package dev.callpermissions.lookup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.callpermissions.provider.Route;
import dev.callpermissions.system.LogContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * Times lookups as their clients see them ({@code call.permissions.lookups}), tagged with
 * the provider and account they were routed to ({@code none} when no route was found),
 * the outcome ({@code ok} or the problem's code), whether the cache answered and the
 * client that asked.
 */
@Component
class LookupMetrics {

	private static final String NONE = "none";

	private final MeterRegistry registry;

	/**
	 * One timer per tag combination, registered once: outcomes are a closed set and
	 * accounts and clients are configured, so this stays small.
	 */
	private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	LookupMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * @param route where the lookup went, or null if it failed before it had one
	 */
	void record(Route route, String outcome, boolean fromCache, long nanos) {
		String client = MDC.get(LogContext.CLIENT);
		TimerKey key = new TimerKey((route != null) ? route.vendor().id() : NONE,
				(route != null) ? route.accountName() : NONE, outcome, fromCache, (client != null) ? client : NONE);
		this.timers.computeIfAbsent(key, this::register).record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer register(TimerKey key) {
		return Timer.builder("call.permissions.lookups")
			.description("Call-permission lookups as the clients see them")
			.tags("provider", key.provider(), "account", key.account(), "outcome", key.outcome(), "cache",
					key.fromCache() ? "hit" : "miss", "client", key.client())
			.register(this.registry);
	}

	private record TimerKey(String provider, String account, String outcome, boolean fromCache, String client) {
	}

}
