package dev.callpermissions.provider.eightbyeight;

/**
 * An 8x8 channel's own key under {@code call-permissions.channels[i]}.
 *
 * @param channelId the channel id
 */
record EightByEightChannelSettings(String channelId) {

}
