package dev.callpermissions.provider;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends work that outlives its deadline: one thread looks over the work in flight every
 * {@value #TICK_MILLIS} ms and cancels what is past its deadline, by the action the work
 * gave (closing a vendor call's connection, interrupting a lookup's attempts).
 * <p>
 * A timed wait on a virtual thread did this before: a socket read with a timeout, a
 * {@code Future.get} with one. JDK 25 schedules and cancels a timer task for each such
 * wait and wakes its scheduler thread for both; a cache miss made two, and on one core
 * they cost it about a sixth of its CPU (issue 19). Here the work in flight costs a set
 * entry each, and the thread wakes {@value #TICK_MILLIS} ms apart whatever the load; work
 * is cancelled at most that much after its deadline.
 */
final class Deadlines implements AutoCloseable {

	static final long TICK_MILLIS = 10;

	private final Set<Work> inFlight = ConcurrentHashMap.newKeySet();

	/** The work a thread began with {@link #beginOnThisThread}, for its cancel action. */
	private final ThreadLocal<Work> onThisThread = new ThreadLocal<>();

	private final ScheduledExecutorService watchdog;

	Deadlines(String name) {
		this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
		this.watchdog.scheduleWithFixedDelay(this::cancelOverdue, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
	}

	/** Begins work due within {@code timeout}, which {@code cancel} ends. */
	Work begin(Duration timeout, Runnable cancel) {
		Work work = new Work(System.nanoTime() + timeout.toNanos(), null);
		work.cancelWith(cancel);
		this.inFlight.add(work);
		return work;
	}

	/**
	 * Begins the calling thread's work, due within {@code timeout}; what it starts next
	 * names its cancel action with {@link #cancelOnThisThread}.
	 */
	Work beginOnThisThread(Duration timeout) {
		Work work = new Work(System.nanoTime() + timeout.toNanos(), this.onThisThread);
		this.onThisThread.set(work);
		this.inFlight.add(work);
		return work;
	}

	/** How the calling thread's work is cancelled, if it began any. */
	void cancelOnThisThread(Runnable cancel) {
		Work work = this.onThisThread.get();
		if (work != null) {
			work.cancelWith(cancel);
		}
	}

	private void cancelOverdue() {
		long now = System.nanoTime();
		for (Work work : this.inFlight) {
			if (now - work.deadline >= 0) {
				this.inFlight.remove(work);
				work.cancel();
			}
		}
	}

	@Override
	public void close() {
		this.watchdog.shutdownNow();
	}

	/** Work with a deadline: ended by its thread, or cancelled once overdue. */
	final class Work implements AutoCloseable {

		private final long deadline;

		private final ThreadLocal<Work> thread;

		private volatile Runnable cancel;

		private volatile boolean overdue;

		private Work(long deadline, ThreadLocal<Work> thread) {
			this.deadline = deadline;
			this.thread = thread;
		}

		private void cancelWith(Runnable cancel) {
			this.cancel = cancel;
			// both fields are volatile: either this sees overdue, or cancel() sees the
			// action
			if (this.overdue) {
				cancel.run();
			}
		}

		private void cancel() {
			this.overdue = true;
			Runnable cancel = this.cancel;
			if (cancel != null) {
				cancel.run();
			}
		}

		/** Whether it was found past its deadline, and cancelled. */
		boolean overdue() {
			return this.overdue;
		}

		@Override
		public void close() {
			if (this.thread != null) {
				this.thread.remove();
			}
			Deadlines.this.inFlight.remove(this);
		}

	}

}
