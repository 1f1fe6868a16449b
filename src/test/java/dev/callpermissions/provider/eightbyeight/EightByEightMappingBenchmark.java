package dev.callpermissions.provider.eightbyeight;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.callpermissions.provider.ProviderAnswer;
import dev.callpermissions.provider.VendorFixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An 8x8 answer from the wire to the canonical model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EightByEightMappingBenchmark {

	private ObjectReader reader;

	private byte[] body;

	@Setup
	public void readFixture() {
		this.reader = VendorFixtures.reader(EightByEightWire.Response.class);
		this.body = VendorFixtures.bytes("8x8/temporary-with-start-call.json");
	}

	@Benchmark
	public ProviderAnswer parseAndMap() throws IOException {
		EightByEightWire.Response response = this.reader.readValue(this.body);
		return new ProviderAnswer(EightByEightPermissionMapper.permission(response),
				EightByEightPermissionMapper.actions(response.actions()), this.body);
	}

}
