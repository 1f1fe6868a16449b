package dev.callpermissions.provider.kaleyra;

import java.io.IOException;
import java.util.List;
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
 * A Kaleyra answer (one consent) from the wire to the canonical model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KaleyraMappingBenchmark {

	private ObjectReader reader;

	private byte[] body;

	@Setup
	public void readFixture() {
		this.reader = VendorFixtures.reader(KaleyraWire.Response.class);
		this.body = VendorFixtures.bytes("kaleyra/accept-permanent.json");
	}

	@Benchmark
	public ProviderAnswer parseAndMap() throws IOException {
		KaleyraWire.Consent consent = this.reader.treeToValue(
				this.reader.<KaleyraWire.Response>readValue(this.body).data().get(0), KaleyraWire.Consent.class);
		return new ProviderAnswer(KaleyraPermissionMapper.permission(consent),
				KaleyraPermissionMapper.actions(List.of(consent)), this.body);
	}

}
