package dev.callpermissions.lookup.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers shared through Redis: each under
 * {@code call-permissions:v1:answer:<account>:<businessNumber>:<user>} as compact JSON,
 * with Redis's own expiry set to the answer's remaining lifetime; evictions and refreshes
 * announced on {@code call-permissions:v1:invalidations}; a vendor call claimed per key
 * with {@code SET call-permissions:v1:lock:<key> <replica> NX PX <hold>}. A value this
 * release cannot read (a newer release's) is a miss.
 * <p>
 * An eviction leaves a mark of its own ({@code evicted:<replica>:<n>}) under the answers'
 * keys for as long as a claim holds, the longest a lookup asked before it can still be
 * running, and an answer is written only where no mark is that its lookup did not see
 * before it asked the vendor: a replica that asked before the eviction, and has not yet
 * heard of it, cannot share the answer the eviction removed, while one that asked after
 * it shares as before.
 */
final class RedisAnswers implements SharedAnswers {

	private static final Logger logger = LoggerFactory.getLogger(RedisAnswers.class);

	private static final long POLL_MILLIS = 20;

	private static final int MAX_UNSENT = 10_000;

	private static final int UNSENT_PER_COMMAND = 500;

	private static final Duration RESEND_INTERVAL = Duration.ofSeconds(1);

	/** How an eviction's mark begins: not JSON, so a miss to every release. */
	private static final String EVICTED = "evicted:";

	/**
	 * KEYS: the answer's key; ARGV: the answer, its lifetime in ms, the mark its lookup
	 * saw ({@code ""}: none).
	 */
	private final Script writeUnlessEvictedSince = new Script("""
			local present = redis.call('GET', KEYS[1])
			if present and string.sub(present, 1, %d) == '%s' and present ~= ARGV[3] then return 0 end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return 1""".formatted(EVICTED.length(), EVICTED));

	/**
	 * KEYS: the answers' keys; ARGV: the mark, how long it stays in ms. The deletions go
	 * first: a Redis out of memory refuses a script whose first write is a SET, and lets
	 * one that has written finish.
	 */
	private final Script markEvicted = new Script("""
			for _, key in ipairs(KEYS) do redis.call('DEL', key) end
			for _, key in ipairs(KEYS) do redis.call('SET', key, ARGV[1], 'PX', ARGV[2]) end
			return #KEYS""");

	/**
	 * Its buffers shared by all threads, as for the service's own mapper
	 * ({@code JsonResponseConfiguration}): kept per thread, Jackson's default, a new
	 * virtual thread per request never reuses them. Instants are written as ISO-8601, as
	 * in answers. A number is read as epoch milliseconds: earlier builds wrote instants
	 * so (and read them back as seconds, tens of thousands of years away), and their
	 * values stay right while a rolling update mixes the two.
	 */
	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.newBoundedPool(16)).build())
		.addModule(new JavaTimeModule())
		.serializationInclusion(JsonInclude.Include.NON_NULL)
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
		.build();

	private final RedisStore store;

	/** The longest a claim holds: past it, the others ask the vendor themselves. */
	private final Duration hold;

	/** Tells this replica's own announcements from the others'. */
	private final String replica = UUID.randomUUID().toString();

	private final List<Consumer<Key>> listeners = new CopyOnWriteArrayList<>();

	/** Evictions Redis did not take, to send again, with when; bounded. */
	private final Map<Key, Long> unsent = new ConcurrentHashMap<>();

	private final AtomicBoolean resending = new AtomicBoolean();

	/** Numbers this replica's evictions: each leaves a mark of its own. */
	private final AtomicLong evictions = new AtomicLong();

	private volatile long nextResend = System.nanoTime();

	/** The longest an answer lives: {@code cache.ttl}. */
	private final Duration answersLiveAtMost;

	RedisAnswers(RedisStore store, Duration hold, Duration answersLiveAtMost) {
		this.store = store;
		this.hold = hold;
		this.answersLiveAtMost = answersLiveAtMost;
		store.subscribe(this::received);
		store.onReachable(() -> {
			// checked here, on the thread that found Redis again: a resend's own
			// commands find it too, and must not start another
			if (!this.unsent.isEmpty() && !this.resending.get()) {
				Thread.ofVirtual().name("redis-resend").start(this::sendUnsent);
			}
		});
	}

	@Override
	public Found read(Key key) {
		String value = this.store.call("read", (redis) -> redis.get(answerKey(key)), null);
		if (value == null) {
			return Found.NOTHING;
		}
		return value.startsWith(EVICTED) ? new Found(null, value) : new Found(parse(value), null);
	}

	@Override
	public List<StoredAnswer> readAll(List<Key> keys) {
		List<StoredAnswer> answers = new ArrayList<>(Collections.nCopies(keys.size(), null));
		if (keys.isEmpty()) {
			return answers;
		}
		String[] answerKeys = keys.stream().map(RedisAnswers::answerKey).toArray(String[]::new);
		List<KeyValue<String, String>> values = this.store.call("read", (redis) -> redis.mget(answerKeys), null);
		if (values != null) {
			for (int i = 0; i < values.size(); i++) {
				String value = values.get(i).getValueOrElse(null);
				answers.set(i, (value != null) ? parse(value) : null);
			}
		}
		return answers;
	}

	@Override
	public boolean write(Key key, StoredAnswer answer, Duration lifetime, Found before) {
		if (lifetime.toMillis() <= 0) {
			return false;
		}
		String value = json(answer);
		String evictionSeen = (before != null && before.eviction() != null) ? before.eviction() : "";
		Long written = this.store.call("write", (redis) -> this.writeUnlessEvictedSince.run(redis,
				new String[] { answerKey(key) }, value, String.valueOf(lifetime.toMillis()), evictionSeen), null);
		return written != null && written == 1;
	}

	@Override
	public boolean claim(Key key) {
		return "OK".equals(this.store.call("claim",
				(redis) -> redis.set(lockKey(key), this.replica, SetArgs.Builder.nx().px(this.hold.toMillis())), "OK"));
	}

	@Override
	public StoredAnswer awaitClaimed(Key key) {
		long giveUpAt = System.nanoTime() + this.hold.toNanos();
		try {
			while (System.nanoTime() - giveUpAt < 0) {
				TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
				List<String> values = this.store.call("await",
						(redis) -> redis.mget(answerKey(key), lockKey(key))
							.stream()
							.map((value) -> value.getValueOrElse(null))
							.toList(),
						null);
				if (values == null) {
					return null;
				}
				if (values.get(0) != null && !values.get(0).startsWith(EVICTED)) {
					return parse(values.get(0));
				}
				if (values.get(1) == null) {
					// the claim ended without an answer: the vendor call failed
					return null;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return null;
	}

	@Override
	public void release(Key key) {
		this.store.call("release", (redis) -> redis.del(lockKey(key)), null);
	}

	@Override
	public void evict(Collection<Key> keys) {
		if (!keys.isEmpty() && !send(keys)) {
			keepForLater(keys, System.nanoTime());
		}
	}

	/**
	 * Whether Redis took the eviction: its mark in place of the answers, and its
	 * {@code PUBLISH}.
	 */
	private boolean send(Collection<Key> keys) {
		String[] answerKeys = keys.stream().map(RedisAnswers::answerKey).toArray(String[]::new);
		String mark = EVICTED + this.replica + ":" + this.evictions.incrementAndGet();
		Long marked = this.store.callEvenWhileDown("evict",
				(redis) -> this.markEvicted.run(redis, answerKeys, mark, String.valueOf(this.hold.toMillis())), null);
		Long heard = announce(keys);
		return marked != null && heard != null;
	}

	/**
	 * Evictions Redis did not take are sent again once it answers: until then the old
	 * answer may still be in Redis, and on the replicas that did not hear of it. One
	 * older than the longest an answer lives is of no use any more and makes room.
	 */
	private void keepForLater(Collection<Key> keys, long failedAt) {
		if (this.unsent.size() + keys.size() > MAX_UNSENT) {
			dropOutlived();
		}
		int kept = 0;
		for (Key key : keys) {
			if (this.unsent.size() < MAX_UNSENT) {
				this.unsent.merge(key, failedAt, Math::max);
				kept++;
			}
		}
		if (kept < keys.size()) {
			logger.warn("{} evictions Redis did not take are lost: {} are waiting already; their answers live out "
					+ "cache.ttl", keys.size() - kept, MAX_UNSENT);
		}
	}

	private void dropOutlived() {
		long now = System.nanoTime();
		this.unsent.values().removeIf((failedAt) -> now - failedAt > this.answersLiveAtMost.toNanos());
	}

	/**
	 * Sends the evictions Redis did not take, a round a second until none is left: an
	 * attempt that fails again (one connection may come back before another) is tried in
	 * the next round, and an eviction stops being tried when its answer is gone anyway.
	 * One run at a time.
	 */
	private void sendUnsent() {
		if (!this.resending.compareAndSet(false, true)) {
			return;
		}
		try {
			while (!this.unsent.isEmpty()) {
				long wait = this.nextResend - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				this.nextResend = System.nanoTime() + RESEND_INTERVAL.toNanos();
				dropOutlived();
				Map<Key, Long> round = new HashMap<>(this.unsent);
				round.forEach(this.unsent::remove);
				List<Key> keys = new ArrayList<>(round.keySet());
				int sent = 0;
				for (int from = 0; from < keys.size(); from += UNSENT_PER_COMMAND) {
					List<Key> chunk = keys.subList(from, Math.min(keys.size(), from + UNSENT_PER_COMMAND));
					if (!send(chunk)) {
						// the rest waits for the next round, keeping when it last failed
						keys.subList(from, keys.size())
							.forEach((key) -> this.unsent.merge(key, round.get(key), Math::max));
						break;
					}
					sent += chunk.size();
				}
				if (sent > 0) {
					logger.info("Sent again {} evictions Redis had not taken", sent);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.resending.set(false);
		}
	}

	@Override
	public void announceRefresh(Key key) {
		announce(List.of(key));
	}

	/**
	 * The number of replicas that heard it, or {@code null} when Redis did not take it.
	 */
	private Long announce(Collection<Key> keys) {
		String message = json(new Invalidation(this.replica, List.copyOf(keys)));
		return this.store.callEvenWhileDown("announce", (redis) -> redis.publish(RedisStore.INVALIDATIONS, message),
				null);
	}

	@Override
	public void onInvalidation(Consumer<Key> listener) {
		this.listeners.add(listener);
	}

	@Override
	public void onListening(Runnable listener) {
		this.store.onSubscribed(listener);
	}

	private void received(String message) {
		try {
			Invalidation invalidation = JSON.readValue(message, Invalidation.class);
			if (!this.replica.equals(invalidation.from())) {
				invalidation.keys().forEach((key) -> this.listeners.forEach((listener) -> listener.accept(key)));
			}
		}
		catch (JsonProcessingException | RuntimeException ex) {
			logger.warn("Ignored an invalidation this release cannot read ({})", ex.getClass().getSimpleName());
		}
	}

	private static StoredAnswer parse(String value) {
		if (value.startsWith(EVICTED)) {
			return null;
		}
		try {
			StoredAnswer answer = JSON.readValue(value, StoredAnswer.class);
			// a value of another release, without a part this one needs: a miss is safe
			return complete(answer) ? answer : null;
		}
		catch (JsonProcessingException ex) {
			// a value of another release: a miss is safe
			return null;
		}
	}

	private static boolean complete(StoredAnswer answer) {
		return answer.permission() != null && answer.permission().status() != null && answer.actions() != null
				&& answer.actions().stream().allMatch((action) -> action != null && action.name() != null);
	}

	private static String json(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String answerKey(Key key) {
		return RedisStore.PREFIX + "answer:" + key.account() + ":" + key.businessNumber() + ":" + key.user();
	}

	private static String lockKey(Key key) {
		return RedisStore.PREFIX + "lock:" + key.account() + ":" + key.businessNumber() + ":" + key.user();
	}

	/**
	 * A Lua script returning an integer, sent by its SHA-1 ({@code EVALSHA}): each write
	 * would otherwise send the whole text for Redis to hash again. Its text goes only
	 * when Redis does not hold it yet (its first use, or after Redis restarted or flushed
	 * its scripts), and always once Redis has refused {@code EVALSHA} to this user (an
	 * ACL written for releases that sent only {@code EVAL}).
	 */
	static final class Script {

		private final String text;

		private final String sha1;

		private volatile boolean byDigestRefused;

		Script(String text) {
			this.text = text;
			this.sha1 = sha1(text);
		}

		Long run(RedisCommands<String, String> redis, String[] keys, String... values) {
			if (!this.byDigestRefused) {
				try {
					return redis.evalsha(this.sha1, ScriptOutputType.INTEGER, keys, values);
				}
				catch (RedisNoScriptException ex) {
					// Redis does not hold it: sent as text below, which Redis keeps
				}
				catch (RedisCommandExecutionException ex) {
					String message = String.valueOf(ex.getMessage());
					if (!message.startsWith("NOPERM") || !message.contains("'evalsha'")) {
						throw ex;
					}
					this.byDigestRefused = true;
				}
			}
			return redis.eval(this.text, ScriptOutputType.INTEGER, keys, values);
		}

		private static String sha1(String text) {
			try {
				return HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * One announcement: who sent it and which answers are stale.
	 */
	record Invalidation(String from, List<Key> keys) {

		Invalidation {
			keys = (keys != null) ? keys : List.of();
		}

	}

}
