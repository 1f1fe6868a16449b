package dev.callpermissions.system;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's character rules, checked without regular expressions, allow and refuse
 * exactly what Spring Security's own defaults do, on every code point.
 */
class FirewallCharactersTests {

	@Test
	void headerNamesAllowWhatSpringSecurityAllowsOnEveryCodePoint() {
		assertSameAsSpring(FirewallCharacters::allowedInName, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
	}

	@Test
	void headerValuesAllowWhatSpringSecurityAllowsOnEveryCodePoint() {
		assertSameAsSpring(FirewallCharacters::allowedInValue, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
	}

	@Test
	void parameterNamesAllowWhatSpringSecurityAllowsOnEveryCodePoint() {
		assertSameAsSpring(FirewallCharacters::allowedInName, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);
	}

	@Test
	void aControlCharacterAnywhereIsRefusedAndATabOnlyInAValue() {
		assertThat(FirewallCharacters.allowedInName("X-API-Key")).isTrue();
		assertThat(FirewallCharacters.allowedInName("")).isTrue();
		assertThat(FirewallCharacters.allowedInName("X-API\u0000Key")).isFalse();
		assertThat(FirewallCharacters.allowedInValue("no-cache\u0085")).isFalse();
		assertThat(FirewallCharacters.allowedInValue("a\tb")).isTrue();
		assertThat(FirewallCharacters.allowedInName("a\tb")).isFalse();
		assertThat(FirewallCharacters.allowedInValue("caf\u00e9 \ud83d\ude00")).isTrue();
	}

	private static void assertSameAsSpring(Predicate<String> ours, Predicate<String> spring) {
		int differences = 0;
		StringBuilder first = new StringBuilder();
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			// alone, and between ordinary characters
			for (String text : new String[] { Character.toString(codePoint),
					"a" + Character.toString(codePoint) + "b" }) {
				if (ours.test(text) != spring.test(text)) {
					if (differences++ == 0) {
						first.append("U+").append(Integer.toHexString(codePoint));
					}
				}
			}
		}
		// a lone surrogate, high or low, and a pair spelled the wrong way round
		for (String text : new String[] { "\ud83d", "\ude00", "x\ude00\ud83dy" }) {
			assertThat(ours.test(text)).as(text).isEqualTo(spring.test(text));
		}
		assertThat(differences).as("code points judged differently, the first %s", first).isZero();
	}

}
