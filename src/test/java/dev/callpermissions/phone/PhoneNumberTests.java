package dev.callpermissions.phone;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PhoneNumberTests {

	@ParameterizedTest
	@ValueSource(strings = { "+14155550100", "14155550100", " 14155550100", "+1 415 555 0100", "+1 (415) 555-0100",
			"1.415.555.0100", "  +1-415-555-0100  " })
	void acceptsTheLenientFormsAndNormalizesThem(String text) {
		assertThat(PhoneNumber.parse(text).value()).isEqualTo("+14155550100");
	}

	@Test
	void keepsItalianLeadingZeros() {
		assertThat(PhoneNumber.parse("+39 06 1234 5678").value()).isEqualTo("+390612345678");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "+", "abc", "+1415555010a", "+1 415 555 0100 ext 2", "0014155550100",
			"+1234567890123456", "+1305", "+999123456789", "++14155550100", "+1/415/555/0100", "%2B14155550100",
			"+1 415 555 0100#" })
	void rejectsWhatIsNotAPossiblePhoneNumber(String text) {
		assertThatExceptionOfType(InvalidPhoneNumberException.class).isThrownBy(() -> PhoneNumber.parse(text));
	}

	@Test
	void rejectsNull() {
		assertThatExceptionOfType(InvalidPhoneNumberException.class).isThrownBy(() -> PhoneNumber.parse(null));
	}

	@Test
	void neverRepeatsTheNumberInItsError() {
		assertThatExceptionOfType(InvalidPhoneNumberException.class).isThrownBy(() -> PhoneNumber.parse("+1305776"))
			.withMessageNotContaining("1305776");
	}

	@Test
	void givesMetaTheDigitsWithoutPlus() {
		assertThat(PhoneNumber.parse("+13057765456").digits()).isEqualTo("13057765456");
	}

	@Test
	void masksTheMiddleForLogs() {
		PhoneNumber number = PhoneNumber.parse("+13057765456");
		assertThat(number.masked()).isEqualTo("+1305*****56");
		assertThat(number).hasToString("+1305*****56");
	}

	@Test
	void takesOnlyATextAlreadyInE164FormAsGiven() {
		assertThat(PhoneNumber.asGivenIfE164("+14155550100")).isEqualTo(new PhoneNumber("+14155550100"));
		assertThat(PhoneNumber.asGivenIfE164("+999123456789")).isEqualTo(new PhoneNumber("+999123456789"));
		for (String text : new String[] { "14155550100", "+1 415 555 0100", " +14155550100", "+04155550100", "+1",
				"+1234567890123456", "+1415555010a", "", null }) {
			assertThat(PhoneNumber.asGivenIfE164(text)).as(text).isNull();
		}
	}

	/**
	 * What lets an answer kept under a normalized number be found by that text as given:
	 * the number normalizes to itself.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "14155550100", "+39 06 1234 5678", "+44 20 7946 0958", "+91 98123 45601", "+65 9123 0001",
			"+1 (305) 776-5456" })
	void aNormalizedNumberNormalizesToItself(String text) {
		String normalized = PhoneNumber.parse(text).value();

		assertThat(PhoneNumber.parse(normalized).value()).isEqualTo(normalized);
	}

	@Test
	void refusesANonNormalizedValueInTheConstructor() {
		assertThatExceptionOfType(InvalidPhoneNumberException.class).isThrownBy(() -> new PhoneNumber("14155550100"));
	}

}
