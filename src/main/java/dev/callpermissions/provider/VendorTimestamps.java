package dev.callpermissions.provider;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the ISO-8601 timestamps vendors send ({@code date-time} in 8x8's reference, RFC
 * 3339): any number of fraction digits, {@code Z} or a numeric offset. A time without an
 * offset is refused rather than guessed: read as UTC, a time meant in Singapore or India
 * would keep an expired permission callable for hours.
 */
public final class VendorTimestamps {

	private VendorTimestamps() {
	}

	/**
	 * @return the instant, or {@code null} for a blank value
	 * @throws DateTimeParseException if the value is not an ISO-8601 date-time with an
	 * offset
	 */
	public static Instant parse(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
	}

}
