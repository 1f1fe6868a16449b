package dev.callpermissions.phone;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a number costs in heap once parsed: it is remembered (as possible) for the next
 * lookups of the same user, so a full cache of answers also holds one of these per user.
 */
class PhoneNumberMemoryTests {

	private static final int NUMBERS = 20_000;

	@Test
	void aParsedNumberIsRememberedAsOneStringInAtMost144Bytes() {
		// past half of the remembered numbers' bound, where the eviction policy allocates
		// its frequency sketch once: it is not a cost per number
		parseAll(numbers(4_000_000, 50_000));
		assertThat(PhoneNumber.rememberedNumbers()).as("numbers remembered before the measured ones: none may go")
			.isLessThanOrEqualTo(100_000 - NUMBERS);
		String[] measured = numbers(6_000_000, NUMBERS);
		long before = usedHeapAfterCollection();
		parseAll(measured);
		long perNumber = (usedHeapAfterCollection() - before) / NUMBERS;

		// the map's node and Caffeine's, the table's slot, one string of 12 characters;
		// a second string (the digits as the key, the E.164 form as the value) is 56 more
		assertThat(perNumber).isLessThanOrEqualTo(144);
		assertThat(PhoneNumber.parse("+1 646 600 0001").value()).isSameAs(PhoneNumber.parse("+16466000001").value());
	}

	/** New York numbers, each text a fresh string as read from a request. */
	private static String[] numbers(int first, int count) {
		String[] texts = new String[count];
		for (int i = 0; i < count; i++) {
			texts[i] = "+1646" + (first + i);
		}
		return texts;
	}

	private static void parseAll(String[] texts) {
		for (String text : texts) {
			PhoneNumber.parse(text);
		}
	}

	private static long usedHeapAfterCollection() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
