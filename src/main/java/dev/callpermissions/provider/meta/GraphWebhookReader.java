package dev.callpermissions.provider.meta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.callpermissions.provider.WebhookEvent;
import dev.callpermissions.provider.WebhookReader;

import org.springframework.stereotype.Component;

/**
 * Reads Meta's webhook deliveries ({@code {"object": …, "entry": [{"changes": […]}]}})
 * change by change, so that one change of unexpected shape spoils only itself.
 */
@Component
class GraphWebhookReader implements WebhookReader {

	private static final String DELIVERY = "delivery";

	private final ObjectReader treeReader;

	private final ObjectReader changeReader;

	GraphWebhookReader(ObjectMapper objectMapper) {
		this.treeReader = objectMapper.reader();
		this.changeReader = objectMapper.readerFor(GraphWebhookWire.Change.class);
	}

	@Override
	public String vendor() {
		return "meta";
	}

	@Override
	public List<WebhookEvent> read(byte[] body) {
		JsonNode root;
		try {
			root = this.treeReader.readTree(body);
		}
		catch (IOException ex) {
			return List.of(WebhookEvent.unreadable(DELIVERY, "not JSON"));
		}
		if (root == null || !root.path("entry").isArray()) {
			return List.of(WebhookEvent.unreadable(DELIVERY, "no entry list"));
		}
		List<WebhookEvent> events = new ArrayList<>();
		for (JsonNode entry : root.path("entry")) {
			if (!entry.path("changes").isArray()) {
				events.add(WebhookEvent.unreadable(GraphWebhookMapper.OTHER, "an entry without a changes list"));
				continue;
			}
			for (JsonNode change : entry.path("changes")) {
				events.addAll(read(change));
			}
		}
		return events;
	}

	private List<WebhookEvent> read(JsonNode change) {
		try {
			return GraphWebhookMapper.events(this.changeReader.treeToValue(change, GraphWebhookWire.Change.class));
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			return List.of(WebhookEvent.unreadable(GraphWebhookMapper.OTHER, "a change of unexpected shape"));
		}
	}

}
