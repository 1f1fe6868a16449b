package dev.callpermissions.provider.meta;

import dev.callpermissions.provider.VendorClientFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code meta}: Meta's WhatsApp Cloud API on Meta's own host.
 */
@Component
@Order(1)
class MetaVendor extends GraphApiVendor {

	MetaVendor(VendorClientFactory clients) {
		super(GraphApi.META, clients);
	}

}
