package dev.callpermissions.permission;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the user's decision came about, where the vendor says.
 */
public enum PermissionSource {

	USER_ACTION("user_action"), AUTOMATIC("automatic"), META_API("meta_api");

	private final String value;

	PermissionSource(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * The source for a vendor's word, or {@code null} when absent or not one of ours.
	 */
	public static PermissionSource fromVendor(String value) {
		for (PermissionSource source : values()) {
			if (source.value.equals(value)) {
				return source;
			}
		}
		return null;
	}

}
