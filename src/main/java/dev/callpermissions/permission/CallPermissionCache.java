package dev.callpermissions.permission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * <p>
 * Answers can be dropped before their time ({@link #evict}); a vendor call that started
 * before its key was dropped never stores its answer afterwards.
 */
@Component
public class CallPermissionCache {

	/**
	 * Evictions are remembered per stripe of keys, in fixed memory: a load whose key
	 * shares a stripe with a later eviction just skips storing its answer.
	 */
	private static final int EVICTION_STRIPES = 4096;

	private final AsyncCache<Key, Entry> cache;

	/** Counts evictions; a load notes its value before it asks the vendor. */
	private final AtomicLong evictions = new AtomicLong();

	/** The count of the latest eviction in each stripe. */
	private final AtomicLongArray lastEvictionByStripe = new AtomicLongArray(EVICTION_STRIPES);

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
		long stamp = evictionStamp();
		if (refresh) {
			Entry fresh = load(vendorCall);
			store(key, fresh, stamp);
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
			if (evictedSince(key, stamp)) {
				this.cache.asMap().remove(key, mine);
			}
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
	 * Keeps an answer obtained elsewhere (a batch's bulk request), unless its key was
	 * evicted after {@code stamp}, taken by {@link #evictionStamp()} before the vendor
	 * was asked.
	 */
	Entry put(Key key, ProviderAnswer answer, long stamp) {
		Entry entry = new Entry(answer, now());
		if (this.cache != null) {
			store(key, entry, stamp);
		}
		return entry;
	}

	/**
	 * Drops every cached answer of these users on this account and business number, and
	 * keeps any vendor call already under way for them from storing its answer; the next
	 * lookup asks the vendor. Idempotent.
	 * @param users the spellings of the users (a phone number and a user id are different
	 * keys)
	 * @return how many cached or loading answers were dropped
	 */
	public int evict(String account, String businessNumber, Collection<? extends WhatsAppUser> users) {
		if (this.cache == null) {
			return 0;
		}
		int dropped = 0;
		for (WhatsAppUser user : users) {
			Key key = key(account, businessNumber, user);
			// noted before the removal: a store that runs after it sees the eviction
			this.lastEvictionByStripe.accumulateAndGet(stripe(key), this.evictions.incrementAndGet(), Math::max);
			if (this.cache.asMap().remove(key) != null) {
				dropped++;
			}
		}
		return dropped;
	}

	/**
	 * The eviction count to note before asking a vendor, for {@link #put}.
	 */
	long evictionStamp() {
		return this.evictions.get();
	}

	private boolean evictedSince(Key key, long stamp) {
		return this.lastEvictionByStripe.get(stripe(key)) > stamp;
	}

	/**
	 * Stores an answer unless its key was evicted after {@code stamp}; atomic with
	 * respect to {@link #evict}'s removal of the key.
	 */
	private void store(Key key, Entry entry, long stamp) {
		this.cache.asMap()
			.compute(key, (k, present) -> evictedSince(k, stamp) ? present : CompletableFuture.completedFuture(entry));
	}

	private static int stripe(Key key) {
		return Math.floorMod(key.hashCode(), EVICTION_STRIPES);
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
