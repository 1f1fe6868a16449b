package dev.callpermissions.provider;

/**
 * Where the lookups for one business number go.
 *
 * @param channel the configured channel
 * @param accountName the account's name
 * @param type the vendor
 * @param provider the account's provider
 */
public record Route(Channel channel, String accountName, ProviderType type, CallPermissionProvider provider) {

}
