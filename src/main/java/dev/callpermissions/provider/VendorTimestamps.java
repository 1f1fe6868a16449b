package dev.callpermissions.provider;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the ISO-8601 timestamps vendors send: any number of fraction digits, {@code Z} or
 * a numeric offset, or no offset at all (taken as UTC).
 */
public final class VendorTimestamps {

	private VendorTimestamps() {
	}

	/**
	 * @return the instant, or {@code null} for a blank value
	 * @throws DateTimeParseException if the value is not an ISO-8601 date-time
	 */
	public static Instant parse(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		try {
			return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException withoutOffset) {
			return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
		}
	}

}
