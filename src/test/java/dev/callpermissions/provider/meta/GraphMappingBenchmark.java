package dev.callpermissions.provider.meta;

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
 * A Meta (and ChakraHQ) answer from the wire to the canonical model: Jackson, then the
 * mapper. Run with {@code ./mvnw -Pjmh verify} (see README).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GraphMappingBenchmark {

	private ObjectReader reader;

	private byte[] body;

	@Setup
	public void readFixture() {
		this.reader = VendorFixtures.reader(GraphWire.Response.class);
		this.body = VendorFixtures.bytes("meta/temporary-call-limit-reached.json");
	}

	@Benchmark
	public ProviderAnswer parseAndMap() throws IOException {
		GraphWire.Response response = this.reader.readValue(this.body);
		return new ProviderAnswer(GraphPermissionMapper.permission(response.permission()),
				GraphPermissionMapper.actions(response.actions()), this.body);
	}

}
