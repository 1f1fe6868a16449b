package dev.callpermissions.phone;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * A phone number in E.164 form ({@code +} and up to 15 digits), known to be possible for
 * its country.
 *
 * @param value the normalized {@code +digits} form
 */
public record PhoneNumber(String value) implements WhatsAppUser {

	private static final PhoneNumberUtil PHONE_NUMBER_UTIL = PhoneNumberUtil.getInstance();

	private static final int MAX_E164_DIGITS = 15;

	/**
	 * Numbers already found possible, as {@code +digits}, and their E.164 form, most
	 * often the same string: libphonenumber's parse was a tenth of a cached lookup's
	 * cost, and the same numbers come back again and again. Its upkeep runs on the
	 * caller's thread: handed to the common pool, it woke a platform thread every few
	 * lookups of distinct users.
	 */
	private static final Cache<String, String> KNOWN_POSSIBLE = Caffeine.newBuilder()
		.maximumSize(100_000)
		.executor(Runnable::run)
		.build();

	/** How many numbers are remembered as possible now, for tests of its memory. */
	static long rememberedNumbers() {
		return KNOWN_POSSIBLE.estimatedSize();
	}

	/**
	 * Checks the shape only; use {@link #parse(String)} for text from outside.
	 */
	public PhoneNumber {
		if (!isE164(value)) {
			throw new InvalidPhoneNumberException("not in E.164 form");
		}
	}

	/**
	 * The text as it is when it is already in E.164 form, without asking whether such a
	 * number is possible; null otherwise. Only for finding what was kept under a number
	 * that was checked when it was kept: an answer held for it.
	 */
	public static PhoneNumber asGivenIfE164(String text) {
		return isE164(text) ? new PhoneNumber(text) : null;
	}

	/** {@code +}, a digit 1-9, then 1 to 14 digits. */
	private static boolean isE164(String value) {
		if (value == null || value.length() < 3 || value.length() > MAX_E164_DIGITS + 1 || value.charAt(0) != '+'
				|| value.charAt(1) == '0') {
			return false;
		}
		for (int i = 1; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Parses the lenient forms callers send: with or without {@code +}, a leading space
	 * (an unencoded {@code +} decoded by a query parser), and the separators space,
	 * {@code -}, {@code .}, {@code (} and {@code )}.
	 * @throws InvalidPhoneNumberException if the text is not a possible phone number
	 */
	public static PhoneNumber parse(String text) {
		return new PhoneNumber(normalize(text));
	}

	private static String normalize(String text) {
		if (text == null) {
			throw new InvalidPhoneNumberException("no phone number given");
		}
		String trimmed = text.strip();
		if (trimmed.startsWith("+")) {
			trimmed = trimmed.substring(1);
		}
		StringBuilder plusDigits = new StringBuilder(trimmed.length() + 1).append('+');
		for (int i = 0; i < trimmed.length(); i++) {
			char c = trimmed.charAt(i);
			if (c >= '0' && c <= '9') {
				plusDigits.append(c);
			}
			else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
				throw new InvalidPhoneNumberException(
						"only digits, a leading + and the separators space - . ( ) are allowed");
			}
		}
		int digits = plusDigits.length() - 1;
		if (digits == 0 || digits > MAX_E164_DIGITS || plusDigits.charAt(1) == '0') {
			throw new InvalidPhoneNumberException("an E.164 number has a country code and at most 15 digits");
		}
		String candidate = plusDigits.toString();
		String known = KNOWN_POSSIBLE.getIfPresent(candidate);
		if (known != null) {
			return known;
		}
		try {
			Phonenumber.PhoneNumber parsed = PHONE_NUMBER_UTIL.parse(candidate, "ZZ");
			if (!PHONE_NUMBER_UTIL.isPossibleNumber(parsed)) {
				throw new InvalidPhoneNumberException("not a possible number for its country");
			}
			String normalized = PHONE_NUMBER_UTIL.format(parsed, PhoneNumberFormat.E164);
			// one string per number, kept and handed out, in the usual case
			String kept = normalized.equals(candidate) ? candidate : normalized;
			KNOWN_POSSIBLE.put(candidate, kept);
			return kept;
		}
		catch (NumberParseException ex) {
			throw new InvalidPhoneNumberException("not a phone number with a known country code");
		}
	}

	/**
	 * The digits without {@code +}, as Meta's {@code user_wa_id} wants them.
	 */
	public String digits() {
		return this.value.substring(1);
	}

	@Override
	public String masked() {
		return WhatsAppUser.mask(this.value, 5);
	}

	@Override
	public String toString() {
		return masked();
	}

}
