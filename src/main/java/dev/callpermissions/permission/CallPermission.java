package dev.callpermissions.permission;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The canonical answer to "may this business number call this user now, and if not, what
 * is allowed and when?".
 *
 * @param provider the vendor's provider id
 * @param account the configured account name
 * @param businessNumber the business number, normalized
 * @param userNumber the user's number, normalized, when the lookup was by number
 * @param userId the business-scoped user id, when the lookup was by id
 * @param permission the permission as the vendor reports it
 * @param canCall whether a call may be started now
 * @param blockedReason why not, when {@code canCall} is false
 * @param retryAt when an exhausted {@code start_call} limit resets
 * @param canRequestPermission whether a permission request may be sent now, if the vendor
 * says
 * @param actions the actions the vendor reported, never invented
 * @param retrievedAt when the vendor was asked
 * @param raw the vendor's response body as it concerns this user, only with
 * {@code include=raw}
 */
@Schema(requiredProperties = { "provider", "account", "businessNumber", "userNumber", "userId", "permission", "canCall",
		"blockedReason", "retryAt", "canRequestPermission", "actions", "retrievedAt" })
public record CallPermission(String provider, String account, String businessNumber,
		@Schema(nullable = true) String userNumber, @Schema(nullable = true) String userId, Permission permission,
		boolean canCall, @Schema(nullable = true) BlockedReason blockedReason, @Schema(nullable = true) Instant retryAt,
		@Schema(nullable = true) Boolean canRequestPermission, List<Action> actions, Instant retrievedAt,
		@Schema(types = {
				"object", "null" },
				description = "The vendor's response body as it concerns this user, unchanged except that "
						+ "a Kaleyra list keeps only this pair's records (only with include=raw)",
				nullable = true) @JsonRawValue @JsonInclude(JsonInclude.Include.NON_NULL) String raw){

	/**
	 * Derives the answer from what the vendor reported at {@code retrievedAt}, as seen at
	 * {@code now}. Where the vendor's parts disagree, the most restrictive one decides:
	 * {@code callAllowed} false, any reported {@code start_call} not allowed, or any of
	 * its limits used up.
	 * @param callAllowed the vendor's own overall yes or no, where it gives one, else
	 * {@code null}
	 */
	public static CallPermission derive(LookupSubject subject, Permission reported, List<Action> actions,
			Boolean callAllowed, Instant now, Instant retrievedAt, String raw) {
		Permission permission = reported.at(now);
		Action startCall = merged(actions, Action.START_CALL);
		Action permissionRequest = merged(actions, Action.SEND_CALL_PERMISSION_REQUEST);
		Instant retryAt = earliestReset(startCall);
		BlockedReason blockedReason = blockedReason(permission.status(), startCall, callAllowed);
		return new CallPermission(subject.provider(), subject.account(), subject.businessNumber(), subject.userNumber(),
				subject.userId(), permission, blockedReason == null, blockedReason, retryAt,
				(permissionRequest != null) ? permissionRequest.allowed() : null, actions, retrievedAt, raw);
	}

	private static BlockedReason blockedReason(PermissionStatus status, Action startCall, Boolean callAllowed) {
		return switch (status) {
			case NOT_GRANTED -> BlockedReason.NOT_GRANTED;
			case EXPIRED -> BlockedReason.EXPIRED;
			case UNKNOWN -> BlockedReason.UNKNOWN_STATUS;
			case TEMPORARY, PERMANENT -> {
				// a used-up limit blocks even where the vendor's flag still says yes
				if (startCall != null && startCall.limits().stream().anyMatch(ActionLimit::exhausted)) {
					yield BlockedReason.CALL_LIMIT_REACHED;
				}
				if ((startCall != null && !startCall.allowed()) || Boolean.FALSE.equals(callAllowed)) {
					yield BlockedReason.CALL_NOT_ALLOWED;
				}
				yield null;
			}
		};
	}

	private static Instant earliestReset(Action startCall) {
		if (startCall == null) {
			return null;
		}
		return startCall.limits()
			.stream()
			.filter(ActionLimit::exhausted)
			.map(ActionLimit::resetsAt)
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder())
			.orElse(null);
	}

	/**
	 * Every reported action of that name as one: allowed only if each is, with all their
	 * limits; {@code null} when none was reported.
	 */
	private static Action merged(List<Action> actions, String name) {
		Action merged = null;
		for (Action action : actions) {
			if (action.name().equals(name)) {
				merged = (merged == null) ? action : new Action(name, merged.allowed() && action.allowed(),
						Stream.concat(merged.limits().stream(), action.limits().stream()).toList());
			}
		}
		return merged;
	}

}
