package dev.callpermissions.lookup;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.callpermissions.provider.Route;
import dev.callpermissions.system.ApiException;
import dev.callpermissions.system.ErrorCode;
import dev.callpermissions.system.LogContext;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * How many lookups a client may send past the cache ({@code Cache-Control: no-cache},
 * {@code include=raw}) per second and account: a share
 * ({@code cache.client-refresh-share}, half by default) of the account's
 * {@code requests-per-second}. Without a budget of its own, one client's refresh loop
 * spent the account's whole vendor budget and every other client's new lookups were
 * refused.
 */
@Component
class RefreshBudget {

	private static final Duration PERIOD = Duration.ofSeconds(1);

	private final double share;

	/**
	 * With {@code cache.ttl: 0s} every lookup asks the vendor: there is no cache to pass.
	 */
	private final boolean cacheEnabled;

	private final RateLimiterRegistry accountLimits;

	/** One per client and account: both come from configuration, so this stays small. */
	private final Map<String, RateLimiter> budgets = new ConcurrentHashMap<>();

	RefreshBudget(CacheProperties properties, RateLimiterRegistry accountLimits) {
		this.share = properties.clientRefreshShare();
		this.cacheEnabled = properties.enabled();
		this.accountLimits = accountLimits;
	}

	/**
	 * Takes one refresh from the calling client's budget on the route's account.
	 * @throws RefreshLimitedException if it has none left this second
	 */
	void spend(Route route) {
		if (!this.cacheEnabled) {
			return;
		}
		String client = MDC.get(LogContext.CLIENT);
		String name = ((client != null) ? client : "anonymous") + "|" + route.accountName();
		RateLimiter budget = this.budgets.computeIfAbsent(name, (key) -> budget(key, route.accountName()));
		if (!budget.acquirePermission()) {
			throw new RefreshLimitedException(route, budget.getRateLimiterConfig().getLimitForPeriod());
		}
	}

	private RateLimiter budget(String name, String account) {
		int accountLimit = this.accountLimits.rateLimiter(account).getRateLimiterConfig().getLimitForPeriod();
		return RateLimiter.of(name,
				RateLimiterConfig.custom()
					.limitForPeriod(Math.max(1, (int) (accountLimit * this.share)))
					.limitRefreshPeriod(PERIOD)
					.timeoutDuration(Duration.ZERO)
					.build());
	}

	/**
	 * 429: the client asked past the cache more often than its budget allows.
	 */
	static final class RefreshLimitedException extends ApiException {

		private final Route route;

		RefreshLimitedException(Route route, int perSecond) {
			super("This client may send " + perSecond + " lookups per second past the cache (Cache-Control: "
					+ "no-cache or include=raw) on account " + route.accountName()
					+ "; without them the cached answer is served.");
			this.route = route;
		}

		@Override
		public ErrorCode errorCode() {
			return ErrorCode.RATE_LIMITED;
		}

		@Override
		public Duration retryAfter() {
			return PERIOD;
		}

		@Override
		public Map<String, Object> problemProperties() {
			return Map.of("provider", this.route.vendor().id(), "account", this.route.accountName());
		}

	}

}
