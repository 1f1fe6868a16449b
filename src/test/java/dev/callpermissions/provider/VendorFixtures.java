package dev.callpermissions.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The vendor examples under {@code src/test/resources/<vendor>/}.
 */
public final class VendorFixtures {

	private static final ObjectMapper JSON = new ObjectMapper();

	private VendorFixtures() {
	}

	public static String text(String name) {
		try (InputStream in = VendorFixtures.class.getClassLoader().getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static <T> T read(String name, Class<T> type) {
		try {
			return JSON.readValue(text(name), type);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
