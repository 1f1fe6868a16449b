package dev.callpermissions.permission;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One of the vendor's rate limits on an action.
 *
 * @param period the vendor's ISO-8601 duration, e.g. {@code PT24H}
 * @param maxAllowed how many times the action is allowed in the period
 * @param currentUsage how many times it was used in the current period
 * @param resetsAt when an exhausted limit resets, if the vendor says
 */
@Schema(requiredProperties = { "period", "maxAllowed", "currentUsage", "resetsAt" })
public record ActionLimit(String period, @Schema(nullable = true) Integer maxAllowed,
		@Schema(nullable = true) Integer currentUsage, @Schema(nullable = true) Instant resetsAt) {

	boolean exhausted() {
		return this.maxAllowed != null && this.currentUsage != null && this.currentUsage >= this.maxAllowed;
	}

}
