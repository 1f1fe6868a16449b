package dev.callpermissions.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UserIdTests {

	@ParameterizedTest
	@ValueSource(strings = { "US.13491208655302741918", "BR.a1B2c3", "US.ENT.13491208655302741918", "IN.x" })
	void acceptsBusinessScopedUserIds(String text) {
		assertThat(UserId.parse(text).value()).isEqualTo(text);
	}

	@Test
	void acceptsTheLongestId() {
		String id = "US." + "a".repeat(128);
		assertThat(UserId.parse(id).value()).isEqualTo(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "US.", "US13491208655302741918", "us.1349", "USA.1349", "US.13-49", "US.ENT.",
			"13491208655302741918", "US.1349 1208", "US.ENT.ENT.12" })
	void rejectsWhatIsNotABusinessScopedUserId(String text) {
		assertThatExceptionOfType(InvalidUserIdException.class).isThrownBy(() -> UserId.parse(text));
	}

	@Test
	void rejectsAnIdLongerThan128Characters() {
		assertThatExceptionOfType(InvalidUserIdException.class).isThrownBy(() -> UserId.parse("US." + "a".repeat(129)));
	}

	@Test
	void masksTheMiddleForLogs() {
		assertThat(UserId.parse("US.13491208655302741918").masked()).isEqualTo("US.13****************18");
	}

}
