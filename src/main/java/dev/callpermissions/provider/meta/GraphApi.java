package dev.callpermissions.provider.meta;

/**
 * The two doors to the same Graph API call: Meta's own host, and ChakraHQ's pass-through.
 */
enum GraphApi {

	/** Meta "Obtain User Call Permissions" (Cloud API calling). */
	META("meta", "https://graph.facebook.com", "/{apiVersion}/{phoneNumberId}/call_permissions"),

	/** ChakraHQ "Get call permission state". */
	CHAKRA("chakra", "https://api.chakrahq.com", "/v1/whatsapp/{apiVersion}/{phoneNumberId}/call_permissions");

	private final String id;

	private final String host;

	private final String pathTemplate;

	GraphApi(String id, String host, String pathTemplate) {
		this.id = id;
		this.host = host;
		this.pathTemplate = pathTemplate;
	}

	String id() {
		return this.id;
	}

	String host() {
		return this.host;
	}

	String pathTemplate() {
		return this.pathTemplate;
	}

}
