package dev.callpermissions.provider;

import java.util.List;

/**
 * Reads one vendor's signed webhook deliveries into what they say changed. The signature
 * is checked before a reader sees the body; a reader never throws on what it is given:
 * what it cannot read is reported as an unreadable event.
 */
public interface WebhookReader {

	/**
	 * The vendor whose deliveries this reads: {@code meta} for {@code /webhooks/meta}.
	 */
	String vendor();

	/**
	 * The events of one delivery, in their order.
	 */
	List<WebhookEvent> read(byte[] body);

}
