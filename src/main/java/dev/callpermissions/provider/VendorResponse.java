package dev.callpermissions.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.springframework.http.HttpHeaders;

/**
 * A vendor's HTTP answer, read whole.
 *
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the body bytes, possibly empty
 */
public record VendorResponse(int status, HttpHeaders headers, byte[] body) {

	public boolean isSuccessful() {
		return this.status >= 200 && this.status < 300;
	}

	/**
	 * The vendor's {@code Retry-After} (seconds or an HTTP date), or {@code null}.
	 */
	public Duration retryAfter(Instant now) {
		String value = this.headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

}
