package dev.callpermissions.provider.meta;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.ActionLimit;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionStatus;

/**
 * Turns Meta's call_permissions answer into the canonical vocabulary. Pure: no clock, no
 * I/O.
 */
final class GraphPermissionMapper {

	private GraphPermissionMapper() {
	}

	static Permission permission(GraphWire.Permission permission) {
		if (permission == null || permission.status() == null) {
			return new Permission(PermissionStatus.UNKNOWN, null, null, null);
		}
		PermissionStatus status = switch (permission.status()) {
			case "temporary" -> PermissionStatus.TEMPORARY;
			case "permanent" -> PermissionStatus.PERMANENT;
			case "no_permission" -> PermissionStatus.NOT_GRANTED;
			default -> PermissionStatus.UNKNOWN;
		};
		Instant expiresAt = (status == PermissionStatus.TEMPORARY || status == PermissionStatus.UNKNOWN)
				? epochSeconds(permission.expirationTime()) : null;
		return new Permission(status, expiresAt, null, permission.status());
	}

	static List<Action> actions(List<GraphWire.Action> actions) {
		if (actions == null) {
			return List.of();
		}
		List<Action> mapped = new ArrayList<>(actions.size());
		for (GraphWire.Action action : actions) {
			if (action != null && action.actionName() != null) {
				mapped.add(new Action(action.actionName(), Boolean.TRUE.equals(action.canPerformAction()),
						limits(action.limits())));
			}
		}
		return mapped;
	}

	private static List<ActionLimit> limits(List<GraphWire.Limit> limits) {
		if (limits == null) {
			return List.of();
		}
		List<ActionLimit> mapped = new ArrayList<>(limits.size());
		for (GraphWire.Limit limit : limits) {
			if (limit != null) {
				mapped.add(new ActionLimit(limit.timePeriod(), limit.maxAllowed(), limit.currentUsage(),
						epochSeconds(limit.limitExpirationTime())));
			}
		}
		return mapped;
	}

	/**
	 * Meta sends epoch seconds; ChakraHQ's schema shows {@code 0} for "none". A time
	 * before 1970 is no vendor's: read as a time it would turn an expiry or a reset into
	 * one long past, so it is a value the service cannot use.
	 * @throws DateTimeException for a negative or out-of-range value
	 */
	private static Instant epochSeconds(Long seconds) {
		if (seconds == null || seconds == 0) {
			return null;
		}
		if (seconds < 0) {
			throw new DateTimeException("a time before 1970");
		}
		return Instant.ofEpochSecond(seconds);
	}

}
