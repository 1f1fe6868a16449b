package dev.callpermissions.permission;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

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
 * @param raw the vendor's own response body, only with {@code include=raw}
 */
public record CallPermission(String provider, String account, String businessNumber, String userNumber, String userId,
		Permission permission, boolean canCall, BlockedReason blockedReason, Instant retryAt,
		Boolean canRequestPermission, List<Action> actions, Instant retrievedAt,
		@Schema(type = "object", description = "The vendor's response body, unchanged (only with include=raw)",
				nullable = true) @JsonRawValue @JsonInclude(JsonInclude.Include.NON_NULL) String raw) {

	/**
	 * Derives the answer from what the vendor reported at {@code retrievedAt}, as seen at
	 * {@code now}.
	 */
	static CallPermission derive(LookupSubject subject, Permission reported, List<Action> actions, Instant now,
			Instant retrievedAt, String raw) {
		Permission permission = reported.at(now);
		Action startCall = find(actions, Action.START_CALL);
		Action permissionRequest = find(actions, Action.SEND_CALL_PERMISSION_REQUEST);
		Instant retryAt = earliestReset(startCall);
		BlockedReason blockedReason = blockedReason(permission.status(), startCall);
		return new CallPermission(subject.provider(), subject.account(), subject.businessNumber(), subject.userNumber(),
				subject.userId(), permission, blockedReason == null, blockedReason, retryAt,
				(permissionRequest != null) ? permissionRequest.allowed() : null, actions, retrievedAt, raw);
	}

	private static BlockedReason blockedReason(PermissionStatus status, Action startCall) {
		return switch (status) {
			case NOT_GRANTED -> BlockedReason.NOT_GRANTED;
			case EXPIRED -> BlockedReason.EXPIRED;
			case UNKNOWN -> BlockedReason.UNKNOWN_STATUS;
			case TEMPORARY, PERMANENT -> {
				if (startCall == null || startCall.allowed()) {
					yield null;
				}
				boolean limitReached = startCall.limits().stream().anyMatch(ActionLimit::exhausted);
				yield limitReached ? BlockedReason.CALL_LIMIT_REACHED : BlockedReason.CALL_NOT_ALLOWED;
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

	private static Action find(List<Action> actions, String name) {
		for (Action action : actions) {
			if (action.name().equals(name)) {
				return action;
			}
		}
		return null;
	}

}
