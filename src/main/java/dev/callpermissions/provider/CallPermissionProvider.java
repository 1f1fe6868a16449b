package dev.callpermissions.provider;

import dev.callpermissions.phone.WhatsAppUser;

/**
 * Asks one vendor account about one user. Implementations speak the vendor's dialect and
 * throw {@link ProviderException} for every failure.
 */
public interface CallPermissionProvider {

	ProviderAnswer lookup(Channel channel, WhatsAppUser user);

}
