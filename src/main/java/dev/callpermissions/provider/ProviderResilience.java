package dev.callpermissions.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.slf4j.MDC;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Wraps every account's provider in resilience4j's retry, circuit breaker, rate limiter
 * and bulkhead, each named after the account (so
 * {@code resilience4j.*.instances.<account>} overrides the defaults), and bounds one
 * whole lookup, retries included, to twice the account's {@code timeout}.
 */
@Component
class ProviderResilience implements DisposableBean {

	/** What a client waits at most, in multiples of one vendor call's timeout. */
	static final int DEADLINE_TIMEOUTS = 2;

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	private final RetryRegistry retries;

	private final CircuitBreakerRegistry circuitBreakers;

	private final BulkheadRegistry bulkheads;

	private final RateLimiterRegistry rateLimiters;

	private final Clock clock;

	/** With {@code cache.store: redis} only. */
	private final SharedRateLimit sharedRateLimit;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	/** Each lookup's: a timed {@code Future.get} would cost a timer task per lookup. */
	private final Deadlines deadlines = new Deadlines("lookup-deadlines");

	ProviderResilience(RetryRegistry retries, CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads,
			RateLimiterRegistry rateLimiters, Clock clock, ObjectProvider<SharedRateLimit> sharedRateLimit) {
		this.retries = retries;
		this.circuitBreakers = circuitBreakers;
		this.bulkheads = bulkheads;
		this.rateLimiters = rateLimiters;
		this.clock = clock;
		this.sharedRateLimit = sharedRateLimit.getIfAvailable();
	}

	CallPermissionProvider guard(String accountName, Account account, CallPermissionProvider provider) {
		RateLimiter rateLimiter = this.rateLimiters.find(accountName)
			.orElseGet(() -> this.rateLimiters.rateLimiter(accountName,
					RateLimiterConfig.from(this.rateLimiters.getDefaultConfig())
						.limitForPeriod(account.requestsPerSecond())
						.limitRefreshPeriod(ONE_SECOND)
						.build()));
		return new GuardedProvider(
				new Guard(account.providerId(), accountName, retryHonouringRetryAfter(accountName),
						this.circuitBreakers.circuitBreaker(accountName), this.bulkheads.bulkhead(accountName),
						rateLimiter, account.requestsPerSecond(), account.timeout().multipliedBy(DEADLINE_TIMEOUTS)),
				provider);
	}

	/**
	 * The account's configured retry, except that a rate-limited attempt waits at least
	 * the vendor's {@code Retry-After} before the next one.
	 */
	private Retry retryHonouringRetryAfter(String accountName) {
		RetryConfig configured = this.retries.retry(accountName).getRetryConfig();
		IntervalBiFunction<Object> backoff = configured.getIntervalBiFunction();
		RetryConfig config = RetryConfig.from(configured).intervalBiFunction((attempt, outcome) -> {
			long wait = backoff.apply(attempt, outcome);
			if (outcome.isLeft() && outcome.getLeft() instanceof ProviderException ex
					&& ex.getFailure() == ProviderFailure.RATE_LIMITED && ex.retryAfter() != null) {
				return Math.max(wait, ex.retryAfter().toMillis());
			}
			return wait;
		}).build();
		Retry retry = Retry.of(accountName, config);
		this.retries.replace(accountName, retry);
		return retry;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
		this.deadlines.close();
	}

	/**
	 * The resilience of one account, applied around one vendor call.
	 */
	final class Guard {

		private final String provider;

		private final String account;

		private final Retry retry;

		private final CircuitBreaker circuitBreaker;

		private final Bulkhead bulkhead;

		private final RateLimiter rateLimiter;

		private final int requestsPerSecond;

		private final Duration deadline;

		private final AtomicReference<Instant> openedAt = new AtomicReference<>(Instant.EPOCH);

		Guard(String provider, String account, Retry retry, CircuitBreaker circuitBreaker, Bulkhead bulkhead,
				RateLimiter rateLimiter, int requestsPerSecond, Duration deadline) {
			this.provider = provider;
			this.account = account;
			this.retry = retry;
			this.circuitBreaker = circuitBreaker;
			this.bulkhead = bulkhead;
			this.rateLimiter = rateLimiter;
			this.requestsPerSecond = requestsPerSecond;
			this.deadline = deadline;
			circuitBreaker.getEventPublisher().onStateTransition((event) -> {
				if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
					this.openedAt.set(ProviderResilience.this.clock.instant());
				}
			});
		}

		/**
		 * Retry ( circuit breaker ( bulkhead ( rate limiter ( call ) ) ) ), within the
		 * deadline: a call the bulkhead refuses spends none of the account's rate.
		 */
		<T> T call(Supplier<T> vendorCall) {
			Supplier<T> guarded = rateLimited(vendorCall);
			guarded = Bulkhead.decorateSupplier(this.bulkhead, guarded);
			guarded = CircuitBreaker.decorateSupplier(this.circuitBreaker, guarded);
			guarded = Retry.decorateSupplier(this.retry, guarded);
			Map<String, String> logContext = MDC.getCopyOfContextMap();
			Supplier<T> attempts = guarded;
			Future<T> result = ProviderResilience.this.executor.submit(() -> {
				if (logContext != null) {
					MDC.setContextMap(logContext);
				}
				return attempts.get();
			});
			Deadlines.Work lookup = ProviderResilience.this.deadlines.begin(this.deadline, () -> result.cancel(true));
			try {
				return result.get();
			}
			catch (CancellationException ex) {
				// only the deadline cancels it
				throw failure(ProviderFailure.TIMEOUT, null, ex);
			}
			catch (InterruptedException ex) {
				result.cancel(true);
				Thread.currentThread().interrupt();
				throw failure(ProviderFailure.TIMEOUT, null, ex);
			}
			catch (ExecutionException ex) {
				throw translate(ex.getCause());
			}
			finally {
				lookup.close();
			}
		}

		/**
		 * The account's rate shared by the replicas when there is one and it answers,
		 * else this replica's own limiter.
		 */
		private <T> Supplier<T> rateLimited(Supplier<T> call) {
			Supplier<T> locallyLimited = RateLimiter.decorateSupplier(this.rateLimiter, call);
			SharedRateLimit shared = ProviderResilience.this.sharedRateLimit;
			if (shared == null) {
				return locallyLimited;
			}
			return () -> switch (shared.tryAcquire(this.account, this.requestsPerSecond)) {
				case GRANTED -> call.get();
				case REFUSED -> throw RequestNotPermitted.createRequestNotPermitted(this.rateLimiter);
				case UNAVAILABLE -> locallyLimited.get();
			};
		}

		private RuntimeException translate(Throwable failure) {
			return switch (failure) {
				case ProviderException ex -> ex;
				case CallNotPermittedException ex -> refusal(ProviderFailure.UNAVAILABLE, remainingOpenWait(),
						"has been failing; lookups are paused while it recovers", ex);
				case BulkheadFullException ex ->
					refusal(ProviderFailure.UNAVAILABLE, ONE_SECOND, "has too many lookups in flight", ex);
				case RequestNotPermitted ex -> refusal(ProviderFailure.RATE_LIMITED,
						atLeastOneSecond(this.rateLimiter.getRateLimiterConfig().getLimitRefreshPeriod()),
						"is asked more often than its configured requests-per-second", ex);
				case RuntimeException ex -> ex;
				default -> new IllegalStateException(failure);
			};
		}

		private Duration remainingOpenWait() {
			long waitMillis = this.circuitBreaker.getCircuitBreakerConfig()
				.getWaitIntervalFunctionInOpenState()
				.apply(1);
			Instant halfOpenAt = this.openedAt.get().plusMillis(waitMillis);
			return atLeastOneSecond(Duration.between(ProviderResilience.this.clock.instant(), halfOpenAt));
		}

		private ProviderException failure(ProviderFailure failure, Duration retryAfter, Throwable cause) {
			return new ProviderException(failure, this.provider, this.account, null, retryAfter, cause);
		}

		private ProviderException refusal(ProviderFailure failure, Duration retryAfter, String what, Throwable cause) {
			return new ProviderException(failure, this.provider, this.account, retryAfter, what, cause);
		}

		private static Duration atLeastOneSecond(Duration wait) {
			return (wait.compareTo(ONE_SECOND) < 0) ? ONE_SECOND : wait;
		}

	}

}
