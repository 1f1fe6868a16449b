package dev.callpermissions.provider;

/**
 * Where the lookups for one business number go.
 *
 * @param channel the configured channel
 * @param accountName the account's name
 * @param vendor the vendor
 * @param provider the account's provider
 */
public record Route(Channel channel, String accountName, Vendor vendor, CallPermissionProvider provider) {

}
