package dev.callpermissions.provider;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The vendors this service speaks to, with their ids and default hosts.
 */
public enum ProviderType {

	META("meta", true, null, Map.of("", "https://graph.facebook.com")),

	CHAKRA("chakra", true, null, Map.of("", "https://api.chakrahq.com")),

	EIGHT_BY_EIGHT("8x8", false, "asia",
			Map.of("asia", "https://chatapps.8x8.com", "eu", "https://chatapps.8x8.uk", "us",
					"https://chatapps.us.8x8.com", "id", "https://chatapps.8x8.id")),

	KALEYRA("kaleyra", false, "in", Map.of("in", "https://api.in.kaleyra.io", "sg", "https://api.ap.kaleyra.io", "eu",
			"https://api.eu.kaleyra.io", "na", "https://api.na.kaleyra.io"));

	private final String id;

	private final boolean userIdLookups;

	private final String defaultRegion;

	private final Map<String, String> baseUrlByRegion;

	ProviderType(String id, boolean userIdLookups, String defaultRegion, Map<String, String> baseUrlByRegion) {
		this.id = id;
		this.userIdLookups = userIdLookups;
		this.defaultRegion = defaultRegion;
		this.baseUrlByRegion = baseUrlByRegion;
	}

	/**
	 * The provider id used in configuration and answers.
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Whether the vendor can look up a user by business-scoped user id.
	 */
	public boolean supportsUserIdLookups() {
		return this.userIdLookups;
	}

	boolean hasRegions() {
		return this.defaultRegion != null;
	}

	boolean isKnownRegion(String region) {
		return this.baseUrlByRegion.containsKey(region.toLowerCase(Locale.ROOT));
	}

	String regions() {
		return String.join(", ", this.baseUrlByRegion.keySet().stream().sorted().toList());
	}

	URI defaultBaseUrl(String region) {
		String key = hasRegions() ? ((region != null) ? region.toLowerCase(Locale.ROOT) : this.defaultRegion) : "";
		return URI.create(this.baseUrlByRegion.get(key));
	}

	/**
	 * The type with the given id, or {@code null}.
	 */
	static ProviderType fromId(String id) {
		for (ProviderType type : values()) {
			if (type.id.equalsIgnoreCase(id)) {
				return type;
			}
		}
		return null;
	}

}
