package dev.callpermissions.permission;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallPermissionTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private static final LookupSubject SUBJECT = new LookupSubject("meta", "meta-main", "+14155550100", "+13057765456",
			null);

	private static final Permission TEMPORARY = new Permission(PermissionStatus.TEMPORARY,
			Instant.parse("2026-11-27T17:37:59Z"), null, "temporary");

	private static final Permission PERMANENT = new Permission(PermissionStatus.PERMANENT, null, null, "permanent");

	@Test
	void canCallWithATemporaryPermissionAndNoStartCallReported() {
		CallPermission answer = derive(TEMPORARY, List.of());
		assertThat(answer.canCall()).isTrue();
		assertThat(answer.blockedReason()).isNull();
		assertThat(answer.retryAt()).isNull();
	}

	@Test
	void canCallWithAPermanentPermissionAndAnAllowedStartCall() {
		CallPermission answer = derive(PERMANENT, List.of(startCall(true, limit(100, 3, null))));
		assertThat(answer.canCall()).isTrue();
		assertThat(answer.blockedReason()).isNull();
	}

	@Test
	void blocksOnAnExhaustedStartCallLimitAndRetriesAtItsEarliestReset() {
		Instant dayReset = Instant.parse("2026-11-22T23:10:00Z");
		Instant weekReset = Instant.parse("2026-11-25T00:00:00Z");
		CallPermission answer = derive(TEMPORARY,
				List.of(startCall(false, limit(5, 5, weekReset), limit(5, 5, dayReset), limit(100, 3, null))));
		assertThat(answer.canCall()).isFalse();
		assertThat(answer.blockedReason()).isEqualTo(BlockedReason.CALL_LIMIT_REACHED);
		assertThat(answer.retryAt()).isEqualTo(dayReset);
	}

	@Test
	void blocksAsNotAllowedWhenTheVendorSaysNoWithoutAnExhaustedLimit() {
		CallPermission answer = derive(TEMPORARY, List.of(startCall(false, limit(100, 3, null))));
		assertThat(answer.canCall()).isFalse();
		assertThat(answer.blockedReason()).isEqualTo(BlockedReason.CALL_NOT_ALLOWED);
		assertThat(answer.retryAt()).isNull();
	}

	@Test
	void blocksAsCallLimitReachedWithoutRetryAtWhenTheVendorGivesNoResetTime() {
		CallPermission answer = derive(TEMPORARY, List.of(startCall(false, limit(5, 5, null))));
		assertThat(answer.blockedReason()).isEqualTo(BlockedReason.CALL_LIMIT_REACHED);
		assertThat(answer.retryAt()).isNull();
	}

	@Test
	void turnsATemporaryPermissionPastItsExpiryIntoExpired() {
		Permission lapsed = new Permission(PermissionStatus.TEMPORARY, NOW.minusSeconds(1), null, "temporary");
		CallPermission answer = derive(lapsed, List.of(startCall(true)));
		assertThat(answer.permission())
			.isEqualTo(new Permission(PermissionStatus.EXPIRED, NOW.minusSeconds(1), null, "temporary"));
		assertThat(answer.canCall()).isFalse();
		assertThat(answer.blockedReason()).isEqualTo(BlockedReason.EXPIRED);
	}

	@Test
	void treatsAnExpiryAtExactlyNowAsExpired() {
		Permission lapsing = new Permission(PermissionStatus.TEMPORARY, NOW, null, "temporary");
		assertThat(derive(lapsing, List.of()).permission().status()).isEqualTo(PermissionStatus.EXPIRED);
	}

	@Test
	void blocksNotGrantedEvenWhenStartCallIsAllowed() {
		Permission notGranted = new Permission(PermissionStatus.NOT_GRANTED, null, null, "no_permission");
		CallPermission answer = derive(notGranted, List.of(startCall(true)));
		assertThat(answer.canCall()).isFalse();
		assertThat(answer.blockedReason()).isEqualTo(BlockedReason.NOT_GRANTED);
	}

	@Test
	void blocksAnUnknownStatus() {
		Permission unknown = new Permission(PermissionStatus.UNKNOWN, null, null, "pending_review");
		CallPermission answer = derive(unknown, List.of());
		assertThat(answer.canCall()).isFalse();
		assertThat(answer.blockedReason()).isEqualTo(BlockedReason.UNKNOWN_STATUS);
	}

	@Test
	void blocksWhenTheVendorsOwnCanCallSaysNoThoughStatusAndActionsAllow() {
		CallPermission answer = CallPermission.derive(SUBJECT, TEMPORARY, List.of(startCall(true, limit(100, 2, null))),
				false, NOW, NOW, null);
		assertThat(answer.canCall()).isFalse();
		assertThat(answer.blockedReason()).isEqualTo(BlockedReason.CALL_NOT_ALLOWED);
	}

	@Test
	void keepsTheMoreSpecificReasonWhenTheVendorsOwnCanCallAlsoSaysNo() {
		Instant reset = Instant.parse("2026-11-22T23:10:00Z");
		CallPermission answer = CallPermission.derive(SUBJECT, TEMPORARY, List.of(startCall(false, limit(5, 5, reset))),
				false, NOW, NOW, null);
		assertThat(answer.blockedReason()).isEqualTo(BlockedReason.CALL_LIMIT_REACHED);
		assertThat(answer.retryAt()).isEqualTo(reset);
	}

	@Test
	void neverLetsTheVendorsOwnCanCallRaiseADeniedVerdict() {
		Permission notGranted = new Permission(PermissionStatus.NOT_GRANTED, null, null, "no_permission");
		CallPermission answer = CallPermission.derive(SUBJECT, notGranted, List.of(), true, NOW, NOW, null);
		assertThat(answer.canCall()).isFalse();
		assertThat(answer.blockedReason()).isEqualTo(BlockedReason.NOT_GRANTED);
	}

	@Test
	void blocksOnAUsedUpStartCallLimitEvenWhenTheActionIsMarkedAllowed() {
		Instant reset = Instant.parse("2026-11-22T23:10:00Z");
		CallPermission answer = derive(PERMANENT, List.of(startCall(true, limit(100, 100, reset))));
		assertThat(answer.canCall()).isFalse();
		assertThat(answer.blockedReason()).isEqualTo(BlockedReason.CALL_LIMIT_REACHED);
		assertThat(answer.retryAt()).isEqualTo(reset);
	}

	@Test
	void readsTwoReportedStartCallActionsAsTheMostRestrictive() {
		CallPermission answer = derive(PERMANENT, List.of(startCall(true), startCall(false)));
		assertThat(answer.canCall()).isFalse();
		assertThat(answer.blockedReason()).isEqualTo(BlockedReason.CALL_NOT_ALLOWED);
		assertThat(answer.actions()).hasSize(2);
		assertThat(derive(TEMPORARY,
				List.of(new Action(Action.SEND_CALL_PERMISSION_REQUEST, true, List.of()),
						new Action(Action.SEND_CALL_PERMISSION_REQUEST, false, List.of())))
			.canRequestPermission()).isFalse();
	}

	@Test
	void takesCanRequestPermissionFromThePermissionRequestAction() {
		assertThat(derive(TEMPORARY, List.of(new Action(Action.SEND_CALL_PERMISSION_REQUEST, false, List.of())))
			.canRequestPermission()).isFalse();
		assertThat(derive(TEMPORARY, List.of(new Action(Action.SEND_CALL_PERMISSION_REQUEST, true, List.of())))
			.canRequestPermission()).isTrue();
	}

	@Test
	void leavesCanRequestPermissionNullWhenTheVendorDoesNotReportIt() {
		assertThat(derive(TEMPORARY, List.of(startCall(true))).canRequestPermission()).isNull();
	}

	@Test
	void keepsTheRoutingFactsAndTheTimeOfRetrieval() {
		CallPermission answer = derive(TEMPORARY, List.of());
		assertThat(answer.provider()).isEqualTo("meta");
		assertThat(answer.account()).isEqualTo("meta-main");
		assertThat(answer.businessNumber()).isEqualTo("+14155550100");
		assertThat(answer.userNumber()).isEqualTo("+13057765456");
		assertThat(answer.userId()).isNull();
		assertThat(answer.retrievedAt()).isEqualTo(NOW);
	}

	private static CallPermission derive(Permission permission, List<Action> actions) {
		return CallPermission.derive(SUBJECT, permission, actions, null, NOW, NOW, null);
	}

	private static Action startCall(boolean allowed, ActionLimit... limits) {
		return new Action(Action.START_CALL, allowed, List.of(limits));
	}

	private static ActionLimit limit(int maxAllowed, int currentUsage, Instant resetsAt) {
		return new ActionLimit("PT24H", maxAllowed, currentUsage, resetsAt);
	}

}
