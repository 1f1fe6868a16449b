package dev.callpermissions.provider;

/**
 * A business number and the account it lives on, as configured under
 * {@code call-permissions.channels[i]}.
 *
 * @param businessNumber the business number in E.164 form
 * @param account the name of the account
 * @param phoneNumberId the Graph phone-number id (meta, chakra)
 * @param channelId the channel id (8x8)
 */
public record Channel(String businessNumber, String account, String phoneNumberId, String channelId) {

}
