package dev.callpermissions.provider.eightbyeight;

import java.util.ArrayList;
import java.util.List;

import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.ActionLimit;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionStatus;
import dev.callpermissions.provider.VendorTimestamps;

/**
 * Turns 8x8's answer into the canonical vocabulary. Pure: no clock, no I/O.
 */
final class EightByEightPermissionMapper {

	private EightByEightPermissionMapper() {
	}

	/**
	 * @throws java.time.format.DateTimeParseException if a timestamp is not ISO-8601
	 */
	static Permission permission(EightByEightWire.Response response) {
		String vendorStatus = response.status();
		PermissionStatus status = switch ((vendorStatus != null) ? vendorStatus : "") {
			case "temporary" -> PermissionStatus.TEMPORARY;
			case "permanent" -> PermissionStatus.PERMANENT;
			case "not_granted" -> PermissionStatus.NOT_GRANTED;
			default -> PermissionStatus.UNKNOWN;
		};
		boolean expires = status == PermissionStatus.TEMPORARY || status == PermissionStatus.UNKNOWN;
		return new Permission(status, expires ? VendorTimestamps.parse(response.expirationTime()) : null, null,
				vendorStatus);
	}

	static List<Action> actions(List<EightByEightWire.Action> actions) {
		if (actions == null) {
			return List.of();
		}
		List<Action> mapped = new ArrayList<>(actions.size());
		for (EightByEightWire.Action action : actions) {
			if (action != null && action.actionName() != null) {
				mapped.add(new Action(action.actionName(), Boolean.TRUE.equals(action.canPerformAction()),
						limits(action.limits())));
			}
		}
		return mapped;
	}

	private static List<ActionLimit> limits(List<EightByEightWire.Limit> limits) {
		if (limits == null) {
			return List.of();
		}
		List<ActionLimit> mapped = new ArrayList<>(limits.size());
		for (EightByEightWire.Limit limit : limits) {
			if (limit != null) {
				mapped.add(new ActionLimit(limit.timePeriod(), limit.maxAllowed(), limit.currentUsage(),
						VendorTimestamps.parse(limit.limitExpirationTime())));
			}
		}
		return mapped;
	}

}
