package dev.callpermissions.phone;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing the numbers a lookup brings: a number seen before (the common case) and the
 * lenient form, plus masking for logs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PhoneNumberBenchmark {

	// not final: JMH state the JIT cannot fold into constants
	private String e164 = "+13057765456";

	private String lenient = " 1 (305) 776-5456";

	private PhoneNumber parsed = PhoneNumber.parse("+13057765456");

	@Benchmark
	public PhoneNumber parseE164() {
		return PhoneNumber.parse(this.e164);
	}

	@Benchmark
	public PhoneNumber parseLenient() {
		return PhoneNumber.parse(this.lenient);
	}

	@Benchmark
	public String mask() {
		return this.parsed.masked();
	}

}
