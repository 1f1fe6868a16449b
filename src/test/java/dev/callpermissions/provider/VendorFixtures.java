package dev.callpermissions.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

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

	public static byte[] bytes(String name) {
		return text(name).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A reader for a vendor's wire type, configured as the service's own.
	 */
	public static ObjectReader reader(Class<?> type) {
		return JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).forType(type);
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
