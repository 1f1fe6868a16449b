package dev.callpermissions.lookup.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The answers every replica sees, their evictions, and who asks the vendor when several
 * replicas miss the same answer at once. Never fails: when the store does not answer,
 * each method answers as if the store were empty and the caller were alone.
 */
public interface SharedAnswers {

	/**
	 * The shared answer, or what evicted it; {@link Found#NOTHING} when there is neither
	 * or the store cannot be read.
	 */
	Found read(Key key);

	/**
	 * The shared answers of several keys, read at once: one per key, in order, each
	 * {@code null} when there is none; all {@code null} when the store cannot be read.
	 */
	List<StoredAnswer> readAll(List<Key> keys);

	/**
	 * Shares an answer for as long as it may be reused, unless its key was evicted after
	 * {@code before} was read (with {@code null}, not read: evicted so recently that a
	 * lookup asked before the eviction could still be running): this answer may be the
	 * one the eviction removed.
	 * @param before what {@link #read} found before the vendor was asked, or {@code null}
	 * @return whether the answer was shared
	 */
	boolean write(Key key, StoredAnswer answer, Duration lifetime, Found before);

	/**
	 * Claims the vendor call for a key.
	 * @return {@code true} if this replica should ask the vendor (also when the store
	 * cannot tell), {@code false} if another replica is asking already
	 */
	boolean claim(Key key);

	/**
	 * Waits for the replica that claimed the key to share its answer.
	 * @return the answer, or {@code null} when it gave up or failed: ask the vendor
	 */
	StoredAnswer awaitClaimed(Key key);

	/**
	 * Ends a claim of this replica's.
	 */
	void release(Key key);

	/**
	 * Drops the shared answers, keeps the answers of lookups asked before it from being
	 * shared ({@link #write}), and tells every other replica to drop its copies.
	 */
	void evict(Collection<Key> keys);

	/**
	 * Tells every other replica that its copy of the answer is stale (a new one was just
	 * asked for).
	 */
	void announceRefresh(Key key);

	/**
	 * Registers what to do with the keys other replicas evict or refresh.
	 */
	void onInvalidation(Consumer<Key> listener);

	/**
	 * Registers what to do each time this replica starts hearing the others'
	 * invalidations, at start and again after it lost them for a while: whatever it kept
	 * meanwhile may have missed one.
	 */
	void onListening(Runnable listener);

	/**
	 * What {@link #read} found: the shared answer, or the eviction that removed it last,
	 * or neither.
	 *
	 * @param answer the shared answer, or {@code null}
	 * @param eviction which eviction removed the answer, or {@code null}
	 */
	record Found(StoredAnswer answer, String eviction) {

		/** No answer, and no eviction of late. */
		public static final Found NOTHING = new Found(null, null);

	}

	/**
	 * Which answer: account, business number and user (a user id spelled {@code id:…}).
	 */
	record Key(String account, String businessNumber, String user) {

	}

}
