package dev.callpermissions.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
import com.github.benmanes.caffeine.cache.Interner;
import com.github.benmanes.caffeine.cache.Policy;
import dev.callpermissions.lookup.CallPermissionCache.Entry;
import dev.callpermissions.lookup.CallPermissionCache.Key;
import dev.callpermissions.lookup.store.SharedAnswers;
import dev.callpermissions.lookup.store.StoredAnswer;
import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.ActionLimit;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.phone.UserId;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.ProviderAnswer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps vendor answers for reuse, each no longer than {@code cache.ttl}, the permission's
 * expiry or the earliest reset of a limit, whichever comes first, so a cached answer
 * never outlives what it says. Failures are never kept, and concurrent misses for one key
 * make one vendor call. Time, expiry included, is the application's {@link Clock}.
 * <p>
 * The cache is bounded by the heap its answers take ({@code cache.max-memory}), as well
 * as by their number ({@code cache.max-size}): each answer weighs its estimated bytes,
 * but never less than {@code max-memory / max-size}. Answers are kept compact, without
 * the vendor's body; {@code include=raw} asks the vendor again.
 * <p>
 * Answers can be dropped before their time ({@link #evict}); a vendor call that started
 * before its key was dropped never stores its answer afterwards.
 * <p>
 * With {@code cache.store: redis} this cache is each replica's near-cache of the answers
 * the replicas share ({@link SharedAnswers}): a local miss reads the shared answer, one
 * replica asks the vendor for all, and evictions and refreshes reach every replica.
 */
@Component
public class CallPermissionCache {

	/**
	 * Evictions are remembered per stripe of keys, in fixed memory: a load whose key
	 * shares a stripe with a later eviction just skips storing its answer.
	 */
	private static final int EVICTION_STRIPES = 4096;

	private static final Logger logger = LoggerFactory.getLogger(CallPermissionCache.class);

	/**
	 * Heap taken by one cached answer, without its permission and actions, for a user of
	 * no characters: Caffeine's node and frequency sketch, the map's node, the future,
	 * the key, the entry (measured by {@code CacheMemoryTests}).
	 */
	static final int ENTRY_BYTES = 200;

	/** A permission, without its expiry. */
	static final int PERMISSION_BYTES = 32;

	/** An action, without its list of limits. */
	static final int ACTION_BYTES = 24;

	/** One limit of an action. */
	static final int LIMIT_BYTES = 32;

	/** An expiry or reset time. */
	static final int INSTANT_BYTES = 24;

	/**
	 * What the interner takes to keep one part: its node, weak reference and map node.
	 */
	static final int KEPT_ONCE_BYTES = 96;

	/**
	 * Permissions and actions without a time in them come from a small set (a status, a
	 * few limits and their usage counts), and most answers repeat one of them: each is
	 * kept once, for as long as an answer uses it, and weighs on the answer that brought
	 * it.
	 */
	private static final Interner<Object> SHARED_PARTS = Interner.newWeakInterner();

	private final AsyncCache<Key, Entry> cache;

	/** The cache's answers, read without side effects; null with the cache off. */
	private final Policy<Key, Entry> quietly;

	/** Counts evictions; a load notes its value before it asks the vendor. */
	private final AtomicLong evictions = new AtomicLong();

	/** The count of the latest eviction in each stripe. */
	private final AtomicLongArray lastEvictionByStripe = new AtomicLongArray(EVICTION_STRIPES);

	private final Clock clock;

	private final Duration ttl;

	/**
	 * The answers shared by the replicas; {@code null} with {@code cache.store: local}.
	 */
	private final SharedAnswers shared;

	CallPermissionCache(CacheProperties properties, Clock clock, MeterRegistry meterRegistry) {
		this(properties, clock, meterRegistry, (SharedAnswers) null);
	}

	@Autowired
	CallPermissionCache(CacheProperties properties, Clock clock, MeterRegistry meterRegistry,
			ObjectProvider<SharedAnswers> shared) {
		this(properties, clock, meterRegistry, shared.getIfAvailable());
	}

	CallPermissionCache(CacheProperties properties, Clock clock, MeterRegistry meterRegistry, SharedAnswers shared) {
		this.clock = clock;
		this.ttl = properties.ttl();
		if (properties.enabled()) {
			long maxBytes = properties.maxMemoryBytes();
			int leastWeight = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBytes / properties.maxSize()));
			this.cache = Caffeine.newBuilder()
				.maximumWeight(maxBytes)
				.weigher((Key key, Entry entry) -> Math.max(leastWeight, weight(key, entry)))
				.expireAfter(new AnswerLifetime(properties.ttl()))
				.executor(Runnable::run)
				.ticker(() -> {
					Instant now = clock.instant();
					return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
				})
				.recordStats()
				.buildAsync();
			CaffeineCacheMetrics.monitor(meterRegistry, this.cache, "call-permissions");
			this.quietly = this.cache.synchronous().policy();
		}
		else {
			this.cache = null;
			this.quietly = null;
		}
		this.shared = (this.cache != null) ? shared : null;
		if (this.shared != null) {
			this.shared.onInvalidation(
					(evicted) -> dropLocally(new Key(evicted.account(), evicted.businessNumber(), evicted.user())));
			this.shared.onListening(this::dropAllLocally);
		}
	}

	/**
	 * The answer for a key: the cached one unless {@code refresh}, else a fresh one that
	 * is then cached.
	 */
	Lookup get(Key key, Supplier<ProviderAnswer> vendorCall, boolean refresh) {
		if (this.cache == null) {
			return load(vendorCall);
		}
		while (true) {
			try {
				return getOnce(key, vendorCall, refresh);
			}
			catch (AbandonedLoad ex) {
				// the lookup whose vendor call this one waited for gave up (a batch's
				// deadline), the vendor did not fail: ask again, within this lookup's own
				// deadline
			}
		}
	}

	private Lookup getOnce(Key key, Supplier<ProviderAnswer> vendorCall, boolean refresh) {
		long stamp = evictionStamp();
		if (refresh) {
			// a vendor call already under way is as fresh as a new one, and costs nothing
			// more; a load that found the answer in the store is not
			CompletableFuture<Entry> present = this.cache.getIfPresent(key);
			if (present != null && !present.isDone()) {
				long asked = now().getEpochSecond();
				Entry joined = await(present);
				if (joined.retrievedAtSecond() >= asked) {
					return new Lookup(joined, false, null);
				}
			}
			return loadAndKeep(key, vendorCall, stamp);
		}
		// the shared answer is read in loadShared, once for all concurrent local misses
		Entry cached = cachedLocally(key);
		if (cached != null) {
			return new Lookup(cached, true, null);
		}
		CompletableFuture<Entry> mine = new CompletableFuture<>();
		CompletableFuture<Entry> inFlight = this.cache.asMap().putIfAbsent(key.stored(), mine);
		if (inFlight != null) {
			long asked = now().getEpochSecond();
			Entry joined = await(inFlight);
			// the load may have found it in the store: then it is as old as it is there
			return new Lookup(joined, joined.retrievedAtSecond() < asked, null);
		}
		// the first miss calls the vendor on its own (virtual) thread, keeping its log
		// context; the concurrent misses wait for its answer
		try {
			Lookup loaded = (this.shared != null) ? loadShared(key, vendorCall, stamp) : load(vendorCall);
			if (evictedSince(key, stamp)) {
				this.cache.asMap().remove(key, mine);
			}
			mine.complete(loaded.entry());
			return loaded;
		}
		catch (RuntimeException ex) {
			if (Thread.currentThread().isInterrupted()) {
				// this lookup was stopped, not answered: the others ask for themselves
				this.cache.asMap().remove(key, mine);
				mine.completeExceptionally(new AbandonedLoad());
			}
			else {
				mine.completeExceptionally(ex);
			}
			throw ex;
		}
	}

	/**
	 * A load given up by the lookup that made it, as its waiters learn it.
	 */
	private static final class AbandonedLoad extends RuntimeException {

		AbandonedLoad() {
			super("The lookup asking the vendor was stopped", null, false, false);
		}

	}

	/**
	 * A fresh answer from a vendor call of the caller's own, with the vendor's body,
	 * which the cache does not keep; the answer is cached.
	 */
	Lookup getWithVendorBody(Key key, Supplier<ProviderAnswer> vendorCall) {
		return (this.cache != null) ? loadAndKeep(key, vendorCall, evictionStamp()) : load(vendorCall);
	}

	private Lookup loadAndKeep(Key key, Supplier<ProviderAnswer> vendorCall, long stamp) {
		Lookup fresh = load(vendorCall);
		store(key, fresh.entry(), stamp);
		share(key, fresh.entry(), stamp, null, true);
		return fresh;
	}

	/**
	 * A local miss: the answer another replica shared, else one vendor call for all the
	 * replicas missing it at once (or this replica's own, when the store cannot tell or
	 * the one asking gives up), then shared.
	 */
	private Lookup loadShared(Key key, Supplier<ProviderAnswer> vendorCall, long stamp) {
		SharedAnswers.Key sharedKey = shared(key);
		SharedAnswers.Found found = this.shared.read(sharedKey);
		Entry present = entry(found.answer());
		if (present != null) {
			return new Lookup(present, true, null);
		}
		boolean claimed = this.shared.claim(sharedKey);
		try {
			if (!claimed) {
				Entry answered = entry(this.shared.awaitClaimed(sharedKey));
				if (answered != null) {
					return new Lookup(answered, true, null);
				}
			}
			Lookup fresh = load(vendorCall);
			share(key, fresh.entry(), stamp, found, false);
			return fresh;
		}
		finally {
			if (claimed) {
				this.shared.release(sharedKey);
			}
		}
	}

	/**
	 * Shares a fresh answer, unless its key was evicted since {@code stamp} here, or, on
	 * another replica, since the store was read ({@code found}; {@code null}: not read);
	 * with {@code announce}, the other replicas drop the copies it replaces.
	 */
	private void share(Key key, Entry entry, long stamp, SharedAnswers.Found found, boolean announce) {
		if (this.shared == null || evictedSince(key, stamp)) {
			return;
		}
		SharedAnswers.Key sharedKey = shared(key);
		this.shared.write(sharedKey,
				new StoredAnswer(entry.permission(), entry.actions(), entry.callAllowed(), entry.retrievedAtSecond()),
				Duration.between(this.clock.instant(), AnswerLifetime.until(entry, this.ttl)), found);
		// announced even when the store refused it: a drop too many costs one read
		if (announce) {
			this.shared.announceRefresh(sharedKey);
		}
	}

	private static SharedAnswers.Key shared(Key key) {
		return new SharedAnswers.Key(key.account(), key.businessNumber(), key.user());
	}

	private static Entry entry(StoredAnswer stored) {
		return (stored != null)
				? Entry.of(stored.permission(), stored.actions(), stored.callAllowed(), stored.retrievedAtSecond())
				: null;
	}

	/**
	 * The cached answers for several keys, in order, each {@code null} when there is
	 * none: this replica's own, then the shared answers of all the others in one read.
	 */
	List<Entry> cachedAll(List<Key> keys) {
		List<Entry> entries = new ArrayList<>(keys.size());
		List<Integer> notHere = new ArrayList<>();
		for (Key key : keys) {
			Entry local = cachedLocally(key);
			if (local == null) {
				notHere.add(entries.size());
			}
			entries.add(local);
		}
		if (this.shared == null || notHere.isEmpty()) {
			return entries;
		}
		long stamp = evictionStamp();
		List<StoredAnswer> stored = this.shared.readAll(notHere.stream().map((i) -> shared(keys.get(i))).toList());
		for (int j = 0; j < notHere.size(); j++) {
			Entry sharedEntry = entry(stored.get(j));
			if (sharedEntry != null) {
				int i = notHere.get(j);
				store(keys.get(i), sharedEntry, stamp);
				entries.set(i, sharedEntry);
			}
		}
		return entries;
	}

	/**
	 * The answer this replica holds for a key, or null, without asking the shared store;
	 * only an answer found counts, as a hit and as a read, so that a lookup which goes on
	 * to {@link #get} is counted once.
	 */
	Entry heldHere(Key key) {
		if (this.cache == null) {
			return null;
		}
		// a quiet look first: neither a statistic nor a read for the eviction policy
		return (this.quietly.getIfPresentQuietly(key) != null) ? cachedLocally(key) : null;
	}

	private Entry cachedLocally(Key key) {
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
		Entry entry = Entry.of(answer, now());
		if (this.cache != null) {
			store(key, entry, stamp);
			share(key, entry, stamp, null, true);
		}
		return entry;
	}

	private Lookup load(Supplier<ProviderAnswer> vendorCall) {
		ProviderAnswer answer = vendorCall.get();
		return new Lookup(Entry.of(answer, now()), false, answer.vendorBody());
	}

	private static String intern(String word) {
		return (word != null) ? word.intern() : null;
	}

	/** The estimated heap an answer takes in the cache, key included. */
	static int weight(Key key, Entry entry) {
		return ENTRY_BYTES + stringBytes(key.user()) + entry.ownBytes();
	}

	private static int bytes(Permission permission) {
		return PERMISSION_BYTES + ((permission.expiresAt() != null) ? INSTANT_BYTES : 0);
	}

	private static int bytes(List<Action> actions) {
		int bytes = listBytes(actions.size());
		for (Action action : actions) {
			bytes += ACTION_BYTES + listBytes(action.limits().size());
			for (ActionLimit limit : action.limits()) {
				bytes += LIMIT_BYTES + ((limit.resetsAt() != null) ? INSTANT_BYTES : 0);
			}
		}
		return bytes;
	}

	/** An immutable list from {@code List.copyOf}: up to two inline, more in an array. */
	private static int listBytes(int size) {
		return (size <= 2) ? 24 : 24 + ((16 + 4 * size + 7) & ~7);
	}

	/** A compact (Latin-1) string: its object and its byte array, each 8-byte aligned. */
	private static int stringBytes(String value) {
		return 24 + ((16 + value.length() + 7) & ~7);
	}

	/**
	 * Starts the evictions of one webhook delivery: see {@link Evictions}.
	 */
	public Evictions evictions() {
		return new Evictions();
	}

	/**
	 * Evictions gathered over one piece of work, a webhook delivery: each drops answers
	 * here at once, and {@link #close()} drops them from the shared store and tells the
	 * other replicas in one command and one announcement, so a delivery of many events
	 * waits for a slow Redis once, not once per user.
	 */
	public final class Evictions implements AutoCloseable {

		private final List<Key> keys = new ArrayList<>();

		private Evictions() {
		}

		/**
		 * Drops every cached answer of these users on this account and business number,
		 * and keeps any vendor call already under way for them from storing its answer;
		 * the next lookup asks the vendor. Idempotent.
		 * @param users the spellings of the users (a phone number and a user id are
		 * different keys)
		 * @return how many cached or loading answers were dropped here
		 */
		public int evict(String account, String businessNumber, Collection<? extends WhatsAppUser> users) {
			if (CallPermissionCache.this.cache == null) {
				return 0;
			}
			int dropped = 0;
			for (WhatsAppUser user : users) {
				Key key = key(account, businessNumber, user);
				if (dropLocally(key)) {
					dropped++;
				}
				this.keys.add(key);
			}
			return dropped;
		}

		@Override
		public void close() {
			if (CallPermissionCache.this.shared == null || this.keys.isEmpty()) {
				return;
			}
			CallPermissionCache.this.shared.evict(this.keys.stream().map(CallPermissionCache::shared).toList());
			// a lookup here since the first drop may have read the old answer from the
			// store before it was replaced by the eviction's mark: drop that copy too
			this.keys.forEach(CallPermissionCache.this::dropLocally);
		}

	}

	private boolean dropLocally(Key key) {
		// noted before the removal: a store that runs after it sees the eviction
		this.lastEvictionByStripe.accumulateAndGet(stripe(key), this.evictions.incrementAndGet(), Math::max);
		return this.cache.asMap().remove(key) != null;
	}

	/**
	 * Drops every local answer, as after an eviction of each: the other replicas'
	 * invalidations may have been missed.
	 */
	private void dropAllLocally() {
		long eviction = this.evictions.incrementAndGet();
		for (int stripe = 0; stripe < EVICTION_STRIPES; stripe++) {
			this.lastEvictionByStripe.accumulateAndGet(stripe, eviction, Math::max);
		}
		int dropped = this.cache.asMap().size();
		this.cache.asMap().clear();
		if (dropped > 0) {
			logger.info("Hearing the other replicas' invalidations again: dropped this replica's {} answers, "
					+ "which may have missed one; the next lookups read Redis", dropped);
		}
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
			.compute(key.stored(),
					(k, present) -> evictedSince(k, stamp) ? present : CompletableFuture.completedFuture(entry));
	}

	private static int stripe(Key key) {
		return Math.floorMod(key.hashCode(), EVICTION_STRIPES);
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
	 * An answer as looked up: from the cache or not, and the vendor's body when this
	 * lookup asked the vendor itself.
	 */
	record Lookup(Entry entry, boolean fromCache, Supplier<byte[]> vendorBody) {

		/** The vendor's body, made now; null unless this lookup asked the vendor. */
		byte[] rawBody() {
			return (this.vendorBody != null) ? this.vendorBody.get() : null;
		}

	}

	/**
	 * Account, business number and user (ids and numbers never collide).
	 */
	record Key(String account, String businessNumber, String user) {

		/** The key as kept: its business number shared with the other answers'. */
		Key stored() {
			return new Key(this.account.intern(), this.businessNumber.intern(), this.user);
		}

	}

	/**
	 * A vendor's answer, without its body, and the second it was retrieved: as compact as
	 * the canonical answer allows, its words, and its permission and actions when they
	 * hold no time, shared with every other answer that uses them.
	 *
	 * @param ownBytes the heap of the parts this answer brought: its own, and the shared
	 * ones it was the first to use
	 */
	record Entry(Permission permission, List<Action> actions, Boolean callAllowed, long retrievedAtSecond,
			int ownBytes) {

		static Entry of(ProviderAnswer answer, Instant retrievedAt) {
			return of(answer.permission(), answer.actions(), answer.callAllowed(), retrievedAt.getEpochSecond());
		}

		static Entry of(Permission permission, List<Action> actions, Boolean callAllowed, long retrievedAtSecond) {
			List<Action> compactActions = new ArrayList<>(actions.size());
			for (Action action : actions) {
				List<ActionLimit> limits = new ArrayList<>(action.limits().size());
				for (ActionLimit limit : action.limits()) {
					limits.add(new ActionLimit(intern(limit.period()), limit.maxAllowed(), limit.currentUsage(),
							limit.resetsAt()));
				}
				compactActions.add(new Action(intern(action.name()), action.allowed(), limits));
			}
			Permission ownPermission = new Permission(permission.status(), permission.expiresAt(), permission.source(),
					intern(permission.providerStatus()));
			List<Action> ownActions = List.copyOf(compactActions);
			boolean permissionShared = ownPermission.expiresAt() == null;
			boolean actionsShared = shareable(ownActions);
			Permission keptPermission = permissionShared ? keptOnce(ownPermission) : ownPermission;
			List<Action> keptActions = actionsShared ? keptOnce(ownActions) : ownActions;
			int ownBytes = ownBytes(keptPermission == ownPermission, permissionShared, bytes(ownPermission))
					+ ownBytes(keptActions == ownActions, actionsShared, bytes(ownActions));
			return new Entry(keptPermission, keptActions, callAllowed, retrievedAtSecond, ownBytes);
		}

		/** The one copy kept of an equal part. */
		@SuppressWarnings("unchecked")
		private static <T> T keptOnce(T part) {
			return (T) SHARED_PARTS.intern(part);
		}

		/**
		 * A part weighs on the answer that holds it alone, or that brought it to the
		 * interner; the others share it for nothing.
		 */
		private static int ownBytes(boolean brought, boolean shared, int bytes) {
			if (!brought) {
				return 0;
			}
			return shared ? bytes + KEPT_ONCE_BYTES : bytes;
		}

		private static boolean shareable(List<Action> actions) {
			for (Action action : actions) {
				for (ActionLimit limit : action.limits()) {
					if (limit.resetsAt() != null) {
						return false;
					}
				}
			}
			return true;
		}

		Instant retrievedAt() {
			return Instant.ofEpochSecond(this.retrievedAtSecond);
		}

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
			// from now, not from retrieval: a shared answer may have been retrieved a
			// while
			// ago by another replica (the ticker is the clock's time since the epoch)
			Instant until = until(entry, this.ttl);
			return Math.max(0, TimeUnit.SECONDS.toNanos(until.getEpochSecond()) + until.getNano() - currentTime);
		}

		static Instant until(Entry entry, Duration ttl) {
			Instant until = entry.retrievedAt().plus(ttl);
			Instant expiresAt = entry.permission().expiresAt();
			if (expiresAt != null && expiresAt.isBefore(until)) {
				until = expiresAt;
			}
			for (Action action : entry.actions()) {
				for (ActionLimit limit : action.limits()) {
					if (limit.resetsAt() != null && limit.resetsAt().isBefore(until)) {
						until = limit.resetsAt();
					}
				}
			}
			return until;
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
