package dev.callpermissions.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Writes the lines of Spring Boot's console appender from one platform thread, everything
 * queued at once: the thread looks at the queue every {@link #INTERVAL} and writes what
 * it finds with one write to standard output. Logback's own {@code AsyncAppender} wakes
 * its thread for each line, which on one core cost a thread switch and a system call per
 * line, about a tenth of a cache miss (docs/performance.md).
 * <p>
 * The console appender's encoder (plain or structured) and filters (Boot's
 * {@code logging.threshold.console}) still decide what is written. Up to
 * {@link #CAPACITY} lines wait; a logging thread that finds the queue full wakes the
 * writer and waits, so no line is dropped. The lines still queued are written when the
 * appender stops, for at most {@link #STOP_WAIT}.
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

	private final Thread writer = Thread.ofPlatform().name(WRITER_NAME).daemon().unstarted(this::writeUntilStopped);

	BatchedConsoleAppender(OutputStreamAppender<ILoggingEvent> console) {
		this.console = console;
	}

	@Override
	public void start() {
		if (isStarted()) {
			return;
		}
		super.start();
		this.writer.start();
	}

	@Override
	protected void append(ILoggingEvent event) {
		// what the line says is taken now, on the thread that logs it
		event.prepareForDeferredProcessing();
		if (this.queue.offer(event)) {
			return;
		}
		LockSupport.unpark(this.writer);
		boolean interrupted = false;
		while (true) {
			try {
				this.queue.put(event);
				break;
			}
			catch (InterruptedException ex) {
				// a line is not lost to a deadline's interrupt; the interrupt is kept
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		if (!isStarted()) {
			return;
		}
		super.stop();
		LockSupport.unpark(this.writer);
		try {
			this.writer.join(STOP_WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.writer.isAlive()) {
			addWarn(this.queue.size() + " console lines were not written within " + STOP_WAIT.toMillis() + " ms");
		}
		this.console.stop();
	}

	private void writeUntilStopped() {
		List<ILoggingEvent> batch = new ArrayList<>(CAPACITY);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(WRITE_SIZE);
		while (isStarted() || !this.queue.isEmpty()) {
			if (this.queue.drainTo(batch) == 0) {
				LockSupport.parkNanos(INTERVAL.toNanos());
				continue;
			}
			for (ILoggingEvent event : batch) {
				if (this.console.getFilterChainDecision(event) != FilterReply.DENY) {
					bytes.writeBytes(this.console.getEncoder().encode(event));
				}
				if (bytes.size() >= WRITE_SIZE) {
					writeOut(bytes);
				}
			}
			writeOut(bytes);
			batch.clear();
		}
	}

	private void writeOut(ByteArrayOutputStream bytes) {
		if (bytes.size() == 0) {
			return;
		}
		try {
			OutputStream out = this.console.getOutputStream();
			bytes.writeTo(out);
			out.flush();
		}
		catch (IOException | RuntimeException ex) {
			addError("Could not write console lines", ex);
		}
		finally {
			bytes.reset();
		}
	}

}
