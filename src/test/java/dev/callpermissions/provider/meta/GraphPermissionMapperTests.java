package dev.callpermissions.provider.meta;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.ActionLimit;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GraphPermissionMapperTests {

	private final ObjectMapper objectMapper = new ObjectMapper();

	@Test
	void mapsTemporaryWithItsEpochSecondsExpiry() throws IOException {
		Permission permission = GraphPermissionMapper
			.permission(fixture("meta/temporary-call-limit-reached.json").permission());
		assertThat(permission).isEqualTo(
				new Permission(PermissionStatus.TEMPORARY, Instant.parse("2025-04-22T17:37:59Z"), null, "temporary"));
	}

	@Test
	void mapsPermanentWithoutExpiry() throws IOException {
		assertThat(GraphPermissionMapper.permission(fixture("meta/permanent.json").permission()))
			.isEqualTo(new Permission(PermissionStatus.PERMANENT, null, null, "permanent"));
	}

	@Test
	void mapsNoPermissionToNotGranted() throws IOException {
		assertThat(GraphPermissionMapper.permission(fixture("meta/no-permission.json").permission()))
			.isEqualTo(new Permission(PermissionStatus.NOT_GRANTED, null, null, "no_permission"));
	}

	@Test
	void readsChakraZeroExpiryAndZeroLimitExpiryAsNone() throws IOException {
		GraphWire.Response response = fixture("chakra/call-permissions-schema.json");
		assertThat(GraphPermissionMapper.permission(response.permission()))
			.isEqualTo(new Permission(PermissionStatus.NOT_GRANTED, null, null, "no_permission"));
		assertThat(GraphPermissionMapper.actions(response.actions())).containsExactly(
				new Action("send_call_permission_request", true, List.of(new ActionLimit("string", 0, 0, null))));
	}

	@Test
	void ignoresTheExpiryOfATemporaryPermissionOnlyWhenItIsZeroAndRefusesOneBefore1970() {
		assertThat(GraphPermissionMapper.permission(new GraphWire.Permission("temporary", 0L, null)).expiresAt())
			.isNull();
		assertThatExceptionOfType(DateTimeException.class)
			.isThrownBy(() -> GraphPermissionMapper.permission(new GraphWire.Permission("temporary", -1L, null)));
	}

	@Test
	void mapsAnUnknownStatusToUnknownKeepingTheVendorWord() throws IOException {
		assertThat(GraphPermissionMapper.permission(fixture("meta/unknown-status.json").permission()))
			.isEqualTo(new Permission(PermissionStatus.UNKNOWN, Instant.parse("2025-04-22T17:37:59Z"), null,
					"pending_review"));
	}

	@Test
	void mapsAMissingStatusToUnknown() {
		assertThat(GraphPermissionMapper.permission(new GraphWire.Permission(null, null, null)))
			.isEqualTo(new Permission(PermissionStatus.UNKNOWN, null, null, null));
	}

	@Test
	void mapsActionsWithExhaustedAndOpenLimitsInTheVendorsOrder() throws IOException {
		assertThat(GraphPermissionMapper.actions(fixture("meta/temporary-call-limit-reached.json").actions()))
			.containsExactly(
					new Action("send_call_permission_request", true, List.of(new ActionLimit("PT24H", 1, 0, null))),
					new Action("start_call", false,
							List.of(new ActionLimit("PT24H", 5, 5, Instant.parse("2025-04-25T23:10:00Z")))));
	}

	@Test
	void reportsNoActionsWhenTheVendorSendsNone() throws IOException {
		assertThat(GraphPermissionMapper.actions(fixture("meta/unknown-status.json").actions())).isEmpty();
	}

	private GraphWire.Response fixture(String name) throws IOException {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
			return this.objectMapper.readValue(in, GraphWire.Response.class);
		}
	}

}
