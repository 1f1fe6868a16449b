package dev.callpermissions.provider.meta;

/**
 * A Graph API channel's own key under {@code call-permissions.channels[i]}.
 *
 * @param phoneNumberId the Graph phone-number id
 */
record GraphChannelSettings(String phoneNumberId) {

}
