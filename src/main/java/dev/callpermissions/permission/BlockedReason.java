package dev.callpermissions.permission;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a call may not be started now.
 */
public enum BlockedReason {

	NOT_GRANTED("not_granted"), EXPIRED("expired"),

	/** An exhausted {@code start_call} limit. */
	CALL_LIMIT_REACHED("call_limit_reached"),

	/** The vendor says no without an exhausted limit. */
	CALL_NOT_ALLOWED("call_not_allowed"),

	UNKNOWN_STATUS("unknown_status");

	private final String value;

	BlockedReason(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

}
