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
	 * The shared answer, or {@code null} when there is none or the store cannot be read.
	 */
	StoredAnswer read(Key key);

	/**
	 * The shared answers of several keys, read at once: one per key, in order, each
	 * {@code null} when there is none; all {@code null} when the store cannot be read.
	 */
	List<StoredAnswer> readAll(List<Key> keys);

	/**
	 * Shares an answer for as long as it may be reused.
	 */
	void write(Key key, StoredAnswer answer, Duration lifetime);

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
	 * Drops the shared answers and tells every other replica to drop its copies.
	 */
	void evict(Collection<Key> keys);

	/**
	 * Tells every other replica that its copy of the answer is stale (a new one was just
	 * written).
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
	 * Which answer: account, business number and user (a user id spelled {@code id:…}).
	 */
	record Key(String account, String businessNumber, String user) {

	}

}
