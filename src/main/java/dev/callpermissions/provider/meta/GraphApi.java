package dev.callpermissions.provider.meta;

import dev.callpermissions.provider.ProviderType;

/**
 * The two doors to the same Graph API call: Meta's own host, and ChakraHQ's pass-through.
 */
enum GraphApi {

	META(ProviderType.META, "/{apiVersion}/{phoneNumberId}/call_permissions"),

	/** ChakraHQ "Get call permission state". */
	CHAKRA(ProviderType.CHAKRA, "/v1/whatsapp/{apiVersion}/{phoneNumberId}/call_permissions");

	private final ProviderType type;

	private final String pathTemplate;

	GraphApi(ProviderType type, String pathTemplate) {
		this.type = type;
		this.pathTemplate = pathTemplate;
	}

	ProviderType type() {
		return this.type;
	}

	String pathTemplate() {
		return this.pathTemplate;
	}

	static GraphApi of(ProviderType type) {
		for (GraphApi api : values()) {
			if (api.type == type) {
				return api;
			}
		}
		return null;
	}

}
