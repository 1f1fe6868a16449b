package dev.callpermissions.provider.kaleyra;

import java.time.Instant;
import java.util.List;

import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionSource;
import dev.callpermissions.permission.PermissionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.callpermissions.provider.VendorFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

class KaleyraPermissionMapperTests {

	@Test
	void mapsTheDocumentedPermanentAcceptIgnoringItsExpiry() {
		KaleyraWire.Consent consent = read("kaleyra/accept-permanent.json", Envelope.class).data().get(0);
		assertThat(KaleyraPermissionMapper.permission(consent))
			.isEqualTo(new Permission(PermissionStatus.PERMANENT, null, PermissionSource.USER_ACTION, "accept"));
		assertThat(KaleyraPermissionMapper.actions(List.of(consent)))
			.containsExactly(new Action("start_call", true, List.of()));
	}

	@Test
	void readsTheSamplesExpirationTimestampSpelling() {
		assertThat(KaleyraPermissionMapper.permission(consent("accept", false, true, "2025-12-16T08:56:41Z", null)))
			.isEqualTo(new Permission(PermissionStatus.TEMPORARY, Instant.parse("2025-12-16T08:56:41Z"),
					PermissionSource.AUTOMATIC, "accept"));
	}

	@Test
	void readsTheTablesExpirationTimeStampSpelling() {
		assertThat(KaleyraPermissionMapper.permission(consent("accept", false, true, null, "2025-12-16T08:56:41Z"))
			.expiresAt()).isEqualTo(Instant.parse("2025-12-16T08:56:41Z"));
	}

	@Test
	void mapsRejectToNotGrantedWithACallActionThatIsNotAllowed() {
		KaleyraWire.Consent consent = consent("reject", false, false, "2025-12-16T08:56:41Z", null);
		assertThat(KaleyraPermissionMapper.permission(consent))
			.isEqualTo(new Permission(PermissionStatus.NOT_GRANTED, null, PermissionSource.AUTOMATIC, "reject"));
		assertThat(KaleyraPermissionMapper.actions(List.of(consent)))
			.containsExactly(new Action("start_call", false, List.of()));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(nullValues = "null", value = { "user_action, USER_ACTION", "automatic, AUTOMATIC", "meta_api, META_API",
			"business_profile, null", "null, null" })
	void keepsTheResponseSourceAsSource(String responseSource, PermissionSource expected) {
		KaleyraWire.Consent consent = new KaleyraWire.Consent("+912012345472", "+919812345601", true, "accept", true,
				responseSource, null, null);
		assertThat(KaleyraPermissionMapper.permission(consent).source()).isEqualTo(expected);
	}

	@Test
	void mapsAnUnknownResponseToUnknown() {
		assertThat(KaleyraPermissionMapper.permission(consent("pending", false, false, null, null)).status())
			.isEqualTo(PermissionStatus.UNKNOWN);
	}

	@Test
	void reportsNoRecordAsNotGrantedWithoutAVendorStatus() {
		assertThat(KaleyraPermissionMapper.NO_RECORD)
			.isEqualTo(new Permission(PermissionStatus.NOT_GRANTED, null, null, null));
	}

	private static KaleyraWire.Consent consent(String response, boolean permanent, boolean canPerformAction,
			String expirationTimestamp, String expirationTimeStamp) {
		return new KaleyraWire.Consent("+912012345472", "+919812345601", canPerformAction, response, permanent,
				"automatic", expirationTimestamp, expirationTimeStamp);
	}

	/** Kaleyra's envelope with its records read as such. */
	@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
	record Envelope(java.util.List<KaleyraWire.Consent> data) {
	}

}
