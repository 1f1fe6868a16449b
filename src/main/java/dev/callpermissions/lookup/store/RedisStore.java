package dev.callpermissions.lookup.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.callpermissions.system.InvalidConfigurationException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;

/**
 * The connections to Redis and what happens when Redis does not answer. Every command has
 * a short timeout of its own ({@code spring.data.redis.timeout}, 250 ms unless set),
 * fails at once while the connection is down, and is then answered by the caller's
 * fallback: counted as {@code call_permissions_store_fallbacks_total{operation}} and
 * logged once per outage. While Redis does not answer, commands fall back at once except
 * one a second, which tries Redis again: a Redis that hangs costs a lookup at most one
 * timeout. Lettuce reconnects by itself (within 5 s of Redis answering again); a replica
 * that started while Redis was down tries again at most once a second.
 */
final class RedisStore implements DisposableBean {

	static final String PREFIX = "call-permissions:v1:";

	static final String INVALIDATIONS = PREFIX + "invalidations";

	static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

	private static final Duration RECONNECT_AT_MOST = Duration.ofSeconds(5);

	/**
	 * TCP keep-alive: a connection whose peer went silently is closed within a minute.
	 */
	private static final Duration KEEP_ALIVE_IDLE = Duration.ofSeconds(30);

	private static final Duration KEEP_ALIVE_INTERVAL = Duration.ofSeconds(10);

	private static final int KEEP_ALIVE_PROBES = 3;

	private static final long CONNECT_ATTEMPT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Logger logger = LoggerFactory.getLogger(RedisStore.class);

	private final ClientResources resources;

	private final RedisClient client;

	private final Duration timeout;

	private final MeterRegistry meterRegistry;

	private final AtomicBoolean down = new AtomicBoolean();

	private final ReentrantLock connecting = new ReentrantLock();

	private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();

	private final List<Runnable> subscriptionListeners = new CopyOnWriteArrayList<>();

	private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();

	private volatile long nextConnectAttempt;

	/** While Redis is down, when the next command may try it. */
	private final AtomicLong nextProbe = new AtomicLong();

	private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();

	/**
	 * When the outage began: only a command started after it ends the outage.
	 */
	private volatile long outageStart = System.nanoTime();

	/** Redis timed out or is not connected: commands fall back at once but for probes. */
	private volatile boolean unanswered;

	private volatile Connections connections;

	RedisStore(RedisProperties properties, MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
		this.timeout = (properties.getTimeout() != null) ? properties.getTimeout() : DEFAULT_TIMEOUT;
		Duration connectTimeout = (properties.getConnectTimeout() != null) ? properties.getConnectTimeout()
				: this.timeout;
		this.resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), RECONNECT_AT_MOST, 2, TimeUnit.MILLISECONDS))
			.build();
		this.client = RedisClient.create(this.resources, uri(properties));
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			// a lookup never queues behind a reconnection: it falls back at once
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			// the subscriber only ever reads: without probes a peer gone silently (a NAT
			// or balancer dropping the connection) would never be noticed
			.socketOptions(SocketOptions.builder()
				.connectTimeout(connectTimeout)
				.keepAlive(SocketOptions.KeepAliveOptions.builder()
					.enable()
					.idle(KEEP_ALIVE_IDLE)
					.interval(KEEP_ALIVE_INTERVAL)
					.count(KEEP_ALIVE_PROBES)
					.build())
				.build())
			.timeoutOptions(TimeoutOptions.enabled(this.timeout))
			.build());
		this.nextConnectAttempt = System.nanoTime();
		try {
			connections();
		}
		catch (RuntimeException ex) {
			// counted and logged: the replica starts, and answers on its own until Redis
			// does
		}
	}

	private RedisURI uri(RedisProperties properties) {
		RedisURI uri;
		if (properties.getUrl() != null) {
			try {
				uri = RedisURI.create(properties.getUrl());
			}
			catch (IllegalArgumentException ex) {
				// never the value itself: it may hold the password
				throw new InvalidConfigurationException("spring.data.redis.url",
						"must be redis://[user:password@]host[:port] or rediss://… for TLS");
			}
		}
		else {
			uri = RedisURI.builder()
				.withHost(properties.getHost())
				.withPort(properties.getPort())
				.withDatabase(properties.getDatabase())
				.withSsl(properties.getSsl().isEnabled())
				.build();
			if (properties.getPassword() != null) {
				if (properties.getUsername() != null) {
					uri.setUsername(properties.getUsername());
				}
				uri.setPassword(properties.getPassword().toCharArray());
			}
		}
		if (properties.getClientName() != null) {
			uri.setClientName(properties.getClientName());
		}
		uri.setTimeout(this.timeout);
		return uri;
	}

	Duration timeout() {
		return this.timeout;
	}

	/**
	 * Runs a command; its failure, or no connection, gives {@code fallback}, and so does
	 * Redis not answering ({@link #skipsWhileDown}).
	 */
	<T> T call(String operation, Function<RedisCommands<String, String>, T> command, T fallback) {
		return skipsWhileDown(operation) ? fallback : callEvenWhileDown(operation, command, fallback);
	}

	/**
	 * As {@link #call}, but tried even while Redis does not answer: for what the other
	 * replicas would otherwise never hear of (a webhook's evictions, a refresh's
	 * announcement).
	 */
	<T> T callEvenWhileDown(String operation, Function<RedisCommands<String, String>, T> command, T fallback) {
		long started = System.nanoTime();
		try {
			T result = command.apply(connections().commands().sync());
			up(started);
			return result;
		}
		catch (RuntimeException ex) {
			failed(operation, ex);
			return fallback;
		}
	}

	/**
	 * The connection for binary values, for Bucket4j; throws when there is none.
	 */
	StatefulRedisConnection<String, byte[]> binary() {
		return connections().binary();
	}

	/**
	 * Registers what to do with each message on the invalidations channel.
	 */
	void subscribe(Consumer<String> subscriber) {
		this.subscribers.add(subscriber);
	}

	/**
	 * What to do each time the invalidations channel is subscribed to: Lettuce subscribes
	 * again after it reconnects, and what was published in between reached nobody here.
	 */
	void onSubscribed(Runnable listener) {
		this.subscriptionListeners.add(listener);
	}

	/**
	 * What to do each time Redis answers again after an outage or a subscription:
	 * whatever failed meanwhile can be sent now. It runs on the thread whose command
	 * found Redis again, or on Lettuce's event loop, so it must not wait for Redis
	 * itself.
	 */
	void onReachable(Runnable listener) {
		this.recoveryListeners.add(listener);
		this.subscriptionListeners.add(listener);
	}

	/**
	 * While Redis does not answer (a timeout, no connection; an error reply shows that it
	 * does), a command falls back at once, counted, except one a second that finds out
	 * whether Redis answers again: a Redis that hangs would otherwise cost each lookup
	 * one timeout per command (five for a miss).
	 * @return {@code true} if the caller should answer with its fallback now
	 */
	boolean skipsWhileDown(String operation) {
		if (!this.unanswered) {
			return false;
		}
		long now = System.nanoTime();
		long probeAt = this.nextProbe.get();
		if (now - probeAt >= 0 && this.nextProbe.compareAndSet(probeAt, now + PROBE_INTERVAL_NANOS)) {
			return false;
		}
		fallbacks(operation).increment();
		return true;
	}

	/**
	 * A command started at {@code started} succeeded; one that was already under way when
	 * Redis went away does not end the outage.
	 */
	void up(long started) {
		if (this.down.get() && started - this.outageStart > 0 && this.down.compareAndSet(true, false)) {
			this.unanswered = false;
			logger.info("Redis answers again: answers and rates are shared by the replicas again");
			this.recoveryListeners.forEach(Runnable::run);
		}
	}

	void failed(String operation, Throwable failure) {
		fallbacks(operation).increment();
		if (failure instanceof io.github.bucket4j.TimeoutException) {
			// A rate's compare-and-swap commands queue on one connection with
			// every acquisition for the account, and retry when another replica's
			// update wins: on a busy core one can run late while Redis answers
			// everything else. Only that acquisition falls back. Taken as an
			// outage, it stopped the sharing of answers for a second at a time.
			// A Redis that hangs is still noticed by the next other command.
			return;
		}
		if (failure instanceof RedisCommandInterruptedException) {
			// the caller was stopped (a batch's deadline), not Redis
			return;
		}
		long now = System.nanoTime();
		if (doesNotAnswer(failure)) {
			this.nextProbe.set(now + PROBE_INTERVAL_NANOS);
			this.unanswered = true;
		}
		if (this.down.compareAndSet(false, true)) {
			this.outageStart = now;
			// the exception's class only: Lettuce's messages may name the server
			logger.warn("Redis does not answer ({} failed: {}): this replica answers from its own cache and limiter "
					+ "until it does", operation, failure.getClass().getSimpleName());
		}
	}

	/**
	 * A timeout or no connection; an error reply (out of memory, read-only) shows Redis
	 * answers.
	 */
	private static boolean doesNotAnswer(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisCommandExecutionException) {
				return false;
			}
			if (cause instanceof RedisException || cause instanceof TimeoutException) {
				return true;
			}
		}
		return false;
	}

	private Counter fallbacks(String operation) {
		return this.fallbacks.computeIfAbsent(operation,
				(name) -> Counter.builder("call.permissions.store.fallbacks")
					.description("Redis operations answered locally because Redis did not answer")
					.tag("operation", name)
					.register(this.meterRegistry));
	}

	private Connections connections() {
		Connections present = this.connections;
		if (present != null) {
			return present;
		}
		if (System.nanoTime() - this.nextConnectAttempt < 0 || !this.connecting.tryLock()) {
			throw new RedisConnectionException("Not connected to Redis yet");
		}
		try {
			if (this.connections == null) {
				long started = System.nanoTime();
				this.nextConnectAttempt = started + CONNECT_ATTEMPT_INTERVAL_NANOS;
				this.connections = connect();
				up(started);
				this.subscriptionListeners.forEach(Runnable::run);
			}
			return this.connections;
		}
		catch (RuntimeException ex) {
			failed("connect", ex);
			throw ex;
		}
		finally {
			this.connecting.unlock();
		}
	}

	private Connections connect() {
		StatefulRedisConnection<String, String> commands = this.client.connect();
		try {
			StatefulRedisConnection<String, byte[]> binary = this.client
				.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
			StatefulRedisPubSubConnection<String, String> pubSub = this.client.connectPubSub();
			pubSub.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String channel, String message) {
					RedisStore.this.subscribers.forEach((subscriber) -> subscriber.accept(message));
				}

				@Override
				public void subscribed(String channel, long count) {
					// the first subscription is told once its connections are in place
					if (RedisStore.this.connections != null) {
						RedisStore.this.subscriptionListeners.forEach(Runnable::run);
					}
				}

			});
			// Lettuce subscribes again after each reconnection
			pubSub.sync().subscribe(INVALIDATIONS);
			return new Connections(commands, binary, pubSub);
		}
		catch (RuntimeException ex) {
			commands.close();
			throw ex;
		}
	}

	@Override
	public void destroy() {
		Connections present = this.connections;
		if (present != null) {
			present.commands().close();
			present.binary().close();
			present.pubSub().close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		this.resources.shutdown(0, 1, TimeUnit.SECONDS);
	}

	private record Connections(StatefulRedisConnection<String, String> commands,
			StatefulRedisConnection<String, byte[]> binary, StatefulRedisPubSubConnection<String, String> pubSub) {

	}

}
