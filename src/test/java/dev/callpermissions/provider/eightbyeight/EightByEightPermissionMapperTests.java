package dev.callpermissions.provider.eightbyeight;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.ActionLimit;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.callpermissions.provider.VendorFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EightByEightPermissionMapperTests {

	@Test
	void mapsTheDocumentedTemporaryAnswer() {
		EightByEightWire.Response response = read("8x8/temporary.json", EightByEightWire.Response.class);
		assertThat(EightByEightPermissionMapper.permission(response)).isEqualTo(
				new Permission(PermissionStatus.TEMPORARY, Instant.parse("2026-02-06T08:12:30Z"), null, "temporary"));
		assertThat(EightByEightPermissionMapper.actions(response.actions())).containsExactly(
				new Action("send_call_permission_request", true, List.of(new ActionLimit("PT24H", 1, 0, null))));
	}

	@Test
	void mapsTheDocumentedAnswerWithBothActionsInOrder() {
		EightByEightWire.Response response = read("8x8/temporary-with-start-call.json",
				EightByEightWire.Response.class);
		assertThat(EightByEightPermissionMapper.actions(response.actions())).containsExactly(
				new Action("send_call_permission_request", true,
						List.of(new ActionLimit("PT24H", 1, 0, null), new ActionLimit("P7D", 2, 0, null))),
				new Action("start_call", true, List.of(new ActionLimit("PT24H", 100, 0, null))));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "2026-02-06T08:12:30.00Z, 2026-02-06T08:12:30Z",
			"2026-02-06T08:12:30.4297387+00:00, 2026-02-06T08:12:30.429738700Z",
			"2026-02-06T16:12:30.5+08:00, 2026-02-06T08:12:30.500Z", "2026-02-06T08:12:30Z, 2026-02-06T08:12:30Z" })
	void readsTimestampsWithAnyFractionAndOffset(String expirationTime, String expected) {
		assertThat(EightByEightPermissionMapper
			.permission(new EightByEightWire.Response("temporary", null, expirationTime))
			.expiresAt()).isEqualTo(Instant.parse(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "06/02/2026 08:12", "2026-02-06T08:12:30" })
	void refusesATimestampThatIsNotIsoOrHasNoOffset(String expirationTime) {
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> EightByEightPermissionMapper
			.permission(new EightByEightWire.Response("temporary", null, expirationTime)));
	}

	@Test
	void mapsNotGrantedWithoutExpiry() {
		assertThat(EightByEightPermissionMapper
			.permission(new EightByEightWire.Response("not_granted", null, "2026-02-06T08:12:30.00Z")))
			.isEqualTo(new Permission(PermissionStatus.NOT_GRANTED, null, null, "not_granted"));
	}

	@Test
	void ignoresTheExpiryOfAPermanentPermission() {
		assertThat(EightByEightPermissionMapper
			.permission(new EightByEightWire.Response("permanent", null, "2026-02-06T08:12:30.00Z")))
			.isEqualTo(new Permission(PermissionStatus.PERMANENT, null, null, "permanent"));
	}

	@Test
	void mapsAnUnknownStatusToUnknown() {
		assertThat(EightByEightPermissionMapper.permission(new EightByEightWire.Response("revoked", null, null)))
			.isEqualTo(new Permission(PermissionStatus.UNKNOWN, null, null, "revoked"));
	}

}
