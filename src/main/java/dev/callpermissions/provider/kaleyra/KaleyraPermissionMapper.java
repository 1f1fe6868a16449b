package dev.callpermissions.provider.kaleyra;

import java.util.List;

import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionSource;
import dev.callpermissions.permission.PermissionStatus;
import dev.callpermissions.provider.VendorTimestamps;

/**
 * Turns one Kaleyra consent record into the canonical vocabulary. Pure: no clock, no I/O.
 */
final class KaleyraPermissionMapper {

	/** Kaleyra has no record for a pair the user never answered. */
	static final Permission NO_RECORD = new Permission(PermissionStatus.NOT_GRANTED, null, null, null);

	private KaleyraPermissionMapper() {
	}

	/**
	 * @throws java.time.format.DateTimeParseException if the expiry is not ISO-8601
	 */
	static Permission permission(KaleyraWire.Consent consent) {
		String response = consent.response();
		PermissionStatus status = switch ((response != null) ? response : "") {
			case "reject" -> PermissionStatus.NOT_GRANTED;
			case "accept" ->
				Boolean.TRUE.equals(consent.isPermanent()) ? PermissionStatus.PERMANENT : PermissionStatus.TEMPORARY;
			default -> PermissionStatus.UNKNOWN;
		};
		boolean expires = status == PermissionStatus.TEMPORARY || status == PermissionStatus.UNKNOWN;
		return new Permission(status, expires ? VendorTimestamps.parse(consent.expiration()) : null,
				PermissionSource.fromVendor(consent.responseSource()), response);
	}

	/**
	 * Kaleyra says only whether the business can call: one {@code start_call} action, no
	 * limits, allowed only if every record listed for the pair says so.
	 */
	static List<Action> actions(List<KaleyraWire.Consent> consents) {
		boolean allowed = !consents.isEmpty()
				&& consents.stream().allMatch((consent) -> Boolean.TRUE.equals(consent.canPerformAction()));
		return List.of(new Action(Action.START_CALL, allowed, List.of()));
	}

}
