package dev.callpermissions.provider;

import dev.callpermissions.phone.WhatsAppUser;

/**
 * One user asked about on one channel.
 *
 * @param channel the business number's channel
 * @param user the user
 */
public record UserLookup(Channel channel, WhatsAppUser user) {

}
