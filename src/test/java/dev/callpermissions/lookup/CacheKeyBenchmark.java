package dev.callpermissions.lookup;

import java.util.concurrent.TimeUnit;

import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.UserId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Building and hashing the cache key, done on every lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheKeyBenchmark {

	// not final: JMH state the JIT cannot fold into constants
	private String account = "meta-main";

	private PhoneNumber user = PhoneNumber.parse("+13057765456");

	private UserId userId = UserId.parse("US.13491208655302741918");

	@Benchmark
	public int phoneNumberKey() {
		return CallPermissionCache.key(this.account, "+14155550100", this.user).hashCode();
	}

	@Benchmark
	public int userIdKey() {
		return CallPermissionCache.key(this.account, "+14155550100", this.userId).hashCode();
	}

}
