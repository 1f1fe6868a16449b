package dev.callpermissions.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Writes the lines of Spring Boot's console appender from one platform thread, a batch at
 * a time: the thread wakes every {@link #INTERVAL}, or when the queue is full, and writes
 * everything queued with one write to standard output (several for more than 64 KiB).
 * Logback's own {@code AsyncAppender} wakes its thread for each line, which on one core
 * cost a thread switch and a system call per line, about a tenth of a cache miss
 * (docs/performance.md).
 * <p>
 * The console appender's filters (Boot's {@code logging.threshold.console}) decide on the
 * logging thread, before a line is queued, and its encoder (plain or structured) on the
 * writer. Up to {@link #CAPACITY} lines wait; a logging thread that finds the queue full
 * wakes the writer and waits, so no line is dropped, and writes its line itself should
 * the writer have ended. A line the encoder cannot write is reported to Logback's status
 * and skipped; should the writer itself end on an {@link Error}, the lines it held are
 * lost and the logging threads write theirs themselves from then on. The lines still
 * queued are written when the appender stops, for at most {@link #STOP_WAIT}; it is
 * started once and not again.
 */
final class BatchedConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	static final Duration INTERVAL = Duration.ofMillis(10);

	static final int CAPACITY = 1024;

	static final Duration STOP_WAIT = Duration.ofSeconds(1);

	static final String WRITER_NAME = "console-writer";

	/** Written out once this much is gathered, so a burst does not grow the buffer. */
	private static final int WRITE_SIZE = 64 * 1024;

	private final OutputStreamAppender<ILoggingEvent> console;

	private final BlockingQueue<ILoggingEvent> queue = new ArrayBlockingQueue<>(CAPACITY);

	private volatile Thread writer;

	/** Lines being handed over: the writer does not end while one may still arrive. */
	private final AtomicInteger arriving = new AtomicInteger();

	BatchedConsoleAppender(OutputStreamAppender<ILoggingEvent> console) {
		this.console = console;
	}

	@Override
	public void start() {
		if (this.writer != null) {
			if (!isStarted()) {
				addWarn("Not started again: the console writer it had has ended");
			}
			return;
		}
		this.writer = Thread.ofPlatform().name(WRITER_NAME).daemon().unstarted(this::writeUntilStopped);
		super.start();
		this.writer.start();
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (this.console.getFilterChainDecision(event) == FilterReply.DENY) {
			return;
		}
		this.arriving.incrementAndGet();
		try {
			if (!isStarted()) {
				// stopped since Logback let it in: the writer may have written its last
				return;
			}
			if (!this.writer.isAlive()) {
				this.console.doAppend(event);
				return;
			}
			// what the line says is taken now, on the thread that logs it
			event.prepareForDeferredProcessing();
			if (!this.queue.offer(event)) {
				waitForRoom(event);
			}
		}
		finally {
			this.arriving.decrementAndGet();
		}
	}

	private void waitForRoom(ILoggingEvent event) {
		boolean interrupted = false;
		try {
			while (true) {
				LockSupport.unpark(this.writer);
				try {
					if (this.queue.offer(event, INTERVAL.toNanos(), TimeUnit.NANOSECONDS)) {
						return;
					}
				}
				catch (InterruptedException ex) {
					// a line is not lost to a deadline's interrupt; the interrupt is kept
					interrupted = true;
					continue;
				}
				if (!this.writer.isAlive()) {
					this.console.doAppend(event);
					return;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void stop() {
		if (!isStarted()) {
			return;
		}
		super.stop();
		LockSupport.unpark(this.writer);
		// the service stopping on an interrupted thread still gets its last lines written
		boolean interrupted = Thread.interrupted();
		try {
			this.writer.join(STOP_WAIT);
		}
		catch (InterruptedException ex) {
			interrupted = true;
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.writer.isAlive()) {
			addWarn(this.queue.size() + " console lines were not written within " + STOP_WAIT.toMillis() + " ms");
		}
	}

	private void writeUntilStopped() {
		List<ILoggingEvent> batch = new ArrayList<>(CAPACITY);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(WRITE_SIZE);
		boolean ended = false;
		try {
			while (isStarted() || !this.queue.isEmpty() || this.arriving.get() > 0) {
				this.queue.drainTo(batch);
				for (ILoggingEvent event : batch) {
					gather(event, bytes);
				}
				batch.clear();
				writeOut(bytes);
				if (isStarted()) {
					LockSupport.parkNanos(INTERVAL.toNanos());
				}
				else {
					Thread.onSpinWait();
				}
			}
			ended = true;
		}
		finally {
			if (ended) {
				this.console.stop();
			}
			else {
				addError("The console writer ended on an error; the lines it held are lost, and the threads that "
						+ "log write their lines themselves");
			}
		}
	}

	private void gather(ILoggingEvent event, ByteArrayOutputStream bytes) {
		byte[] line;
		try {
			line = this.console.getEncoder().encode(event);
		}
		catch (RuntimeException ex) {
			addError("Could not write a console line", ex);
			return;
		}
		if (bytes.size() + line.length > WRITE_SIZE) {
			writeOut(bytes);
		}
		if (line.length >= WRITE_SIZE) {
			write((out) -> out.write(line));
		}
		else {
			bytes.writeBytes(line);
		}
	}

	private void writeOut(ByteArrayOutputStream bytes) {
		if (bytes.size() > 0) {
			write(bytes::writeTo);
			bytes.reset();
		}
	}

	private void write(StreamWrite write) {
		try {
			OutputStream out = this.console.getOutputStream();
			write.to(out);
			out.flush();
		}
		catch (IOException | RuntimeException ex) {
			addError("Could not write console lines", ex);
		}
	}

	@FunctionalInterface
	private interface StreamWrite {

		void to(OutputStream out) throws IOException;

	}

}
