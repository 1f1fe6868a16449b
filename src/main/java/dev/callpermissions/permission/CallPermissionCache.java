package dev.callpermissions.permission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.callpermissions.permission.CallPermissionCache.Entry;
import dev.callpermissions.permission.CallPermissionCache.Key;
import dev.callpermissions.phone.UserId;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.ProviderAnswer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.stereotype.Component;

/**
 * Keeps vendor answers for reuse, each no longer than {@code cache.ttl}, the permission's
 * expiry or the earliest reset of a limit, whichever comes first, so a cached answer
 * never outlives what it says. Failures are never kept, and concurrent misses for one key
 * make one vendor call. Time, expiry included, is the application's {@link Clock}.
 */
@Component
class CallPermissionCache {

	private final AsyncCache<Key, Entry> cache;

	private final Clock clock;

	CallPermissionCache(CacheProperties properties, Clock clock, MeterRegistry meterRegistry) {
		this.clock = clock;
		if (properties.enabled()) {
			this.cache = Caffeine.newBuilder()
				.maximumSize(properties.maxSize())
				.expireAfter(new AnswerLifetime(properties.ttl()))
				.executor(Runnable::run)
				.ticker(() -> {
					Instant now = clock.instant();
					return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
				})
				.recordStats()
				.buildAsync();
			CaffeineCacheMetrics.monitor(meterRegistry, this.cache, "call-permissions");
		}
		else {
			this.cache = null;
		}
	}

	/**
	 * The answer for a key: the cached one unless {@code refresh}, else a fresh one that
	 * is then cached.
	 */
	Lookup get(Key key, Supplier<ProviderAnswer> vendorCall, boolean refresh) {
		if (this.cache == null) {
			return new Lookup(load(vendorCall), false);
		}
		if (refresh) {
			Entry fresh = load(vendorCall);
			this.cache.put(key, CompletableFuture.completedFuture(fresh));
			return new Lookup(fresh, false);
		}
		Entry cached = cached(key);
		if (cached != null) {
			return new Lookup(cached, true);
		}
		CompletableFuture<Entry> mine = new CompletableFuture<>();
		CompletableFuture<Entry> inFlight = this.cache.asMap().putIfAbsent(key, mine);
		if (inFlight != null) {
			return new Lookup(await(inFlight), false);
		}
		// the first miss calls the vendor on its own (virtual) thread, keeping its log
		// context; the concurrent misses wait for its answer
		try {
			Entry loaded = load(vendorCall);
			mine.complete(loaded);
			return new Lookup(loaded, false);
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
	}

	/**
	 * The cached answer for a key, or {@code null}.
	 */
	Entry cached(Key key) {
		if (this.cache == null) {
			return null;
		}
		CompletableFuture<Entry> present = this.cache.getIfPresent(key);
		return (present != null && present.isDone() && !present.isCompletedExceptionally()) ? present.join() : null;
	}

	/**
	 * Keeps an answer obtained elsewhere (a batch's bulk request).
	 */
	Entry put(Key key, ProviderAnswer answer) {
		Entry entry = new Entry(answer, now());
		if (this.cache != null) {
			this.cache.put(key, CompletableFuture.completedFuture(entry));
		}
		return entry;
	}

	private Entry load(Supplier<ProviderAnswer> vendorCall) {
		return new Entry(vendorCall.get(), now());
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	/**
	 * Interruptible, unlike {@code join}: a batch past its deadline stops waiting.
	 */
	private static Entry await(CompletableFuture<Entry> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new CompletionException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CancellationException("Stopped waiting for another lookup's vendor call");
		}
	}

	static Key key(String account, String businessNumber, WhatsAppUser user) {
		return new Key(account, businessNumber, (user instanceof UserId) ? "id:" + user.value() : user.value());
	}

	/**
	 * An answer as looked up: from the cache or not.
	 */
	record Lookup(Entry entry, boolean fromCache) {
	}

	/**
	 * Account, business number and user (ids and numbers never collide).
	 */
	record Key(String account, String businessNumber, String user) {
	}

	/**
	 * A vendor's answer and when it was retrieved.
	 */
	record Entry(ProviderAnswer answer, Instant retrievedAt) {
	}

	/**
	 * min(ttl, permission expiry, earliest limit reset), measured from retrieval.
	 */
	private static final class AnswerLifetime implements Expiry<Key, Entry> {

		private final Duration ttl;

		AnswerLifetime(Duration ttl) {
			this.ttl = ttl;
		}

		@Override
		public long expireAfterCreate(Key key, Entry entry, long currentTime) {
			Instant until = entry.retrievedAt().plus(this.ttl);
			Instant expiresAt = entry.answer().permission().expiresAt();
			if (expiresAt != null && expiresAt.isBefore(until)) {
				until = expiresAt;
			}
			for (Action action : entry.answer().actions()) {
				for (ActionLimit limit : action.limits()) {
					if (limit.resetsAt() != null && limit.resetsAt().isBefore(until)) {
						until = limit.resetsAt();
					}
				}
			}
			return Math.max(0, Duration.between(entry.retrievedAt(), until).toNanos());
		}

		@Override
		public long expireAfterUpdate(Key key, Entry entry, long currentTime, long currentDuration) {
			return expireAfterCreate(key, entry, currentTime);
		}

		@Override
		public long expireAfterRead(Key key, Entry entry, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
