package dev.callpermissions.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.callpermissions.lookup.CallPermissionCache.Lookup;
import dev.callpermissions.lookup.store.SharedAnswers;
import dev.callpermissions.lookup.store.StoredAnswer;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionSource;
import dev.callpermissions.permission.PermissionStatus;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.provider.ProviderAnswer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lookups that arrive while another lookup of the same answer is reading it from the
 * shared store: what they are told about its age, and whether a {@code no-cache} one
 * still reaches the vendor.
 */
class SharedLoadTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private static final long STORED_AT = NOW.minusSeconds(25).getEpochSecond();

	private static final CallPermissionCache.Key KEY = CallPermissionCache.key("meta-main", "+14155550100",
			PhoneNumber.parse("+13057765401"));

	private final SlowStore store = new SlowStore();

	private final CallPermissionCache cache = new CallPermissionCache(
			new CacheProperties(Duration.ofSeconds(30), 100, null, 0.5), Clock.fixed(NOW, ZoneOffset.UTC),
			new SimpleMeterRegistry(), this.store);

	private final AtomicInteger vendorCalls = new AtomicInteger();

	@Test
	void aLookupThatWaitsForAnAnswerReadFromTheStoreIsToldItIsCached() throws Exception {
		Lookup joined = whileTheStoreIsRead(false);

		assertThat(joined.fromCache()).isTrue();
		assertThat(joined.entry().retrievedAtSecond()).isEqualTo(STORED_AT);
		assertThat(this.vendorCalls).hasValue(0);
	}

	@Test
	void aNoCacheLookupThatWaitsForAnAnswerReadFromTheStoreStillAsksTheVendor() throws Exception {
		Lookup joined = whileTheStoreIsRead(true);

		assertThat(joined.fromCache()).isFalse();
		assertThat(joined.entry().retrievedAtSecond()).isEqualTo(NOW.getEpochSecond());
		assertThat(joined.entry().permission().status()).isEqualTo(PermissionStatus.PERMANENT);
		assertThat(this.vendorCalls).hasValue(1);
	}

	/** The second of two lookups, made while the first one reads the store. */
	private Lookup whileTheStoreIsRead(boolean noCache) throws InterruptedException {
		Thread first = Thread.ofPlatform().start(() -> this.cache.get(KEY, this::vendorCall, false));
		this.store.reading.await();
		AtomicReference<Lookup> second = new AtomicReference<>();
		Thread waiting = Thread.ofPlatform().start(() -> second.set(this.cache.get(KEY, this::vendorCall, noCache)));
		while (waiting.getState() != Thread.State.WAITING && waiting.isAlive()) {
			Thread.onSpinWait();
		}
		this.store.release.countDown();
		first.join();
		waiting.join();
		return second.get();
	}

	private ProviderAnswer vendorCall() {
		this.vendorCalls.incrementAndGet();
		return new ProviderAnswer(
				new Permission(PermissionStatus.PERMANENT, null, PermissionSource.USER_ACTION, "permanent"), List.of(),
				new byte[0]);
	}

	/** A store whose answer, shared 25 s ago, is read only when the test lets it. */
	private static final class SlowStore implements SharedAnswers {

		final CountDownLatch reading = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public Found read(Key key) {
			this.reading.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new Found(new StoredAnswer(new Permission(PermissionStatus.NOT_GRANTED, null, null, "no_permission"),
					List.of(), null, STORED_AT), null);
		}

		@Override
		public List<StoredAnswer> readAll(List<Key> keys) {
			return Collections.nCopies(keys.size(), null);
		}

		@Override
		public boolean write(Key key, StoredAnswer answer, Duration lifetime, Found before) {
			return true;
		}

		@Override
		public boolean claim(Key key) {
			return true;
		}

		@Override
		public StoredAnswer awaitClaimed(Key key) {
			return null;
		}

		@Override
		public void release(Key key) {
		}

		@Override
		public void evict(Collection<Key> keys) {
		}

		@Override
		public void announceRefresh(Key key) {
		}

		@Override
		public void onInvalidation(Consumer<Key> listener) {
		}

		@Override
		public void onListening(Runnable listener) {
		}

	}

}
