package dev.callpermissions.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work is cancelled once past its deadline, by its own action, whether the watchdog was
 * busy or idle when it began; work ended in time never is.
 */
class DeadlinesTests {

	private final Deadlines deadlines = new Deadlines("deadlines-test");

	@AfterEach
	void close() {
		this.deadlines.close();
	}

	@Test
	void workPastItsDeadlineIsCancelledByItsAction() throws InterruptedException {
		CountDownLatch cancelled = new CountDownLatch(1);

		Deadlines.Work work = this.deadlines.begin(Duration.ofMillis(50), cancelled::countDown);

		assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(work.overdue()).isTrue();
	}

	@Test
	void workBegunAfterTheWatchdogWentIdleIsCancelledToo() throws InterruptedException {
		this.deadlines.begin(Duration.ofMillis(1), () -> {
		}).close();
		Thread.sleep(200);
		CountDownLatch cancelled = new CountDownLatch(1);

		this.deadlines.begin(Duration.ofMillis(50), cancelled::countDown);

		assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void workEndedInTimeIsNeverCancelled() throws InterruptedException {
		AtomicInteger cancelled = new AtomicInteger();

		Deadlines.Work work = this.deadlines.begin(Duration.ofMillis(100), cancelled::incrementAndGet);
		work.close();
		Thread.sleep(300);

		assertThat(cancelled).hasValue(0);
		assertThat(work.overdue()).isFalse();
	}

	@Test
	void aThreadsWorkTakesTheCancelActionNamedOnThatThreadLater() throws InterruptedException {
		CountDownLatch cancelled = new CountDownLatch(1);

		try (Deadlines.Work work = this.deadlines.beginOnThisThread(Duration.ofMillis(50))) {
			Instant giveUp = Instant.now().plusSeconds(5);
			while (!work.overdue() && Instant.now().isBefore(giveUp)) {
				Thread.sleep(10);
			}
			// named after the deadline: it runs at once
			this.deadlines.cancelOnThisThread(cancelled::countDown);

			assertThat(cancelled.await(0, TimeUnit.SECONDS)).isTrue();
			assertThat(work.overdue()).isTrue();
		}
	}

	@Test
	void aCancelActionThatFailsLeavesTheWatchdogWatching() throws InterruptedException {
		this.deadlines.begin(Duration.ofMillis(10), () -> {
			throw new IllegalStateException("cancel failed");
		});
		CountDownLatch cancelled = new CountDownLatch(1);

		this.deadlines.begin(Duration.ofMillis(100), cancelled::countDown);

		assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
	}

}
