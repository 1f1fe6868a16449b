package dev.callpermissions.provider.meta;

import dev.callpermissions.provider.VendorClientFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code chakra}: ChakraHQ, which passes Meta's Graph API call through on its own path.
 */
@Component
@Order(2)
class ChakraVendor extends GraphApiVendor {

	ChakraVendor(VendorClientFactory clients) {
		super(GraphApi.CHAKRA, clients);
	}

}
