package dev.callpermissions.sandbox;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * One WireMock server per vendor on 127.0.0.1, each answering as its vendor's
 * documentation says, for the sandbox and the full-stack tests.
 */
public final class VendorSimulations implements AutoCloseable {

	private final Map<String, WireMockServer> servers = new LinkedHashMap<>();

	private VendorSimulations() {
	}

	/**
	 * Starts every simulation.
	 */
	public static VendorSimulations start() {
		VendorSimulations simulations = new VendorSimulations();
		simulations.add("meta", GraphApiSimulation::meta);
		simulations.add("chakra", GraphApiSimulation::chakra);
		simulations.add("8x8", EightByEightSimulation::stub);
		simulations.add("kaleyra", KaleyraSimulation::stub);
		return simulations;
	}

	/**
	 * The properties that point the sandbox accounts at the simulations:
	 * {@code sandbox.<vendor>-url}.
	 */
	public Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		this.servers.forEach((vendor, server) -> properties.put("sandbox." + vendor + "-url", server.baseUrl()));
		return properties;
	}

	public WireMockServer server(String vendor) {
		return this.servers.get(vendor);
	}

	public Collection<WireMockServer> servers() {
		return this.servers.values();
	}

	@Override
	public void close() {
		this.servers.values().forEach(WireMockServer::stop);
	}

	private void add(String vendor, Consumer<WireMockServer> stubs) {
		WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
			.dynamicPort()
			.globalTemplating(true)
			.extensions(new KaleyraSimulation()));
		server.start();
		stubs.accept(server);
		this.servers.put(vendor, server);
	}

}
