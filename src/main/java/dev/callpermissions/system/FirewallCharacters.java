package dev.callpermissions.system;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} allows by default in header
 * names, header values and parameter names (assigned code points, no control characters;
 * a tab too in a header value), checked without its regular expressions: the same rules,
 * but each check there built a {@code Matcher}, 7 % of the bytes a cached lookup
 * allocated. {@code FirewallCharactersTests} holds them to Spring's on every code point.
 */
final class FirewallCharacters {

	private FirewallCharacters() {
	}

	/** A header or parameter name: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
	static boolean allowedInName(String name) {
		return allowed(name, false);
	}

	/** A header value: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
	static boolean allowedInValue(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String text, boolean tab) {
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
