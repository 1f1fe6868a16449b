package dev.callpermissions.permission;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The canonical permission status, whichever vendor reported it.
 */
public enum PermissionStatus {

	TEMPORARY("temporary"), PERMANENT("permanent"), NOT_GRANTED("not_granted"),

	/** A temporary permission whose {@code expiresAt} has passed. */
	EXPIRED("expired"),

	/** A vendor value this service does not know. */
	UNKNOWN("unknown");

	private final String value;

	PermissionStatus(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	boolean isGranted() {
		return this == TEMPORARY || this == PERMANENT;
	}

}
