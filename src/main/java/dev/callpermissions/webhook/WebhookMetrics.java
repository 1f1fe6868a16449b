package dev.callpermissions.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts webhook events ({@code call.permissions.webhook.events}) by vendor, event type
 * and what came of them: {@code evicted}, {@code unknown_number}, {@code ignored},
 * {@code unreadable}, and for whole deliveries refused, {@code invalid_signature},
 * {@code payload_too_large} and {@code busy}.
 */
@Component
class WebhookMetrics {

	private final MeterRegistry registry;

	WebhookMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void count(String provider, String type, String outcome) {
		Counter.builder("call.permissions.webhook.events")
			.description("Webhook events received, by what came of them")
			.tags("provider", provider, "type", type, "outcome", outcome)
			.register(this.registry)
			.increment();
	}

}
