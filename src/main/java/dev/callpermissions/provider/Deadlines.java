package dev.callpermissions.provider;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends work that outlives its deadline: one thread looks over the work in flight every
 * {@value #TICK_MILLIS} ms and cancels what is past its deadline, by the action the work
 * gave (closing a vendor call's connection, interrupting a lookup's attempts).
 * <p>
 * A timed wait on a virtual thread did this before: a socket read with a timeout, a
 * {@code Future.get} with one. JDK 25 schedules and cancels a timer task for each such
 * wait and wakes its scheduler thread for both; a cache miss made two, and on one core
 * they cost it about a sixth of its CPU (issue 19). Here the work in flight costs a set
 * entry each, and the thread wakes {@value #TICK_MILLIS} ms apart while there is any,
 * whatever the load; work is cancelled at most that much after its deadline.
 */
final class Deadlines implements AutoCloseable {

	static final long TICK_MILLIS = 10;

	private static final Logger logger = LoggerFactory.getLogger(Deadlines.class);

	private final Set<Work> inFlight = ConcurrentHashMap.newKeySet();

	/** The work a thread began with {@link #beginOnThisThread}, for its cancel action. */
	private final ThreadLocal<Work> onThisThread = new ThreadLocal<>();

	private final Thread watchdog;

	/** Whether the watchdog waits for work, with nothing in flight to look over. */
	private volatile boolean idle;

	Deadlines(String name) {
		this.watchdog = Thread.ofPlatform().name(name).daemon().start(this::watch);
	}

	private void watch() {
		while (!Thread.currentThread().isInterrupted()) {
			this.idle = true;
			// idle is volatile and so is the set: either this sees the work a thread
			// adds, or that thread sees idle and wakes this one
			if (this.inFlight.isEmpty()) {
				LockSupport.park(this);
			}
			this.idle = false;
			LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
			cancelOverdue();
		}
	}

	private void add(Work work) {
		this.inFlight.add(work);
		if (this.idle) {
			LockSupport.unpark(this.watchdog);
		}
	}

	/** Begins work due within {@code timeout}, which {@code cancel} ends. */
	Work begin(Duration timeout, Runnable cancel) {
		Work work = new Work(System.nanoTime() + timeout.toNanos(), null);
		work.cancelWith(cancel);
		add(work);
		return work;
	}

	/**
	 * Begins the calling thread's work, due within {@code timeout}; what it starts next
	 * names its cancel action with {@link #cancelOnThisThread}.
	 */
	Work beginOnThisThread(Duration timeout) {
		Work work = new Work(System.nanoTime() + timeout.toNanos(), this.onThisThread);
		this.onThisThread.set(work);
		add(work);
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
				try {
					work.cancel();
				}
				catch (Throwable ex) {
					// the watchdog must outlive any one cancel action: with it gone,
					// nothing
					// would end a call the vendor never answers
					logger.warn("Cancelling work past its deadline failed", ex);
				}
			}
		}
	}

	@Override
	public void close() {
		this.watchdog.interrupt();
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
