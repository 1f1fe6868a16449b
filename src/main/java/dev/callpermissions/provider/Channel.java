package dev.callpermissions.provider;

/**
 * A business number and the account it lives on, as configured under
 * {@code call-permissions.channels[i]}. The channel's other keys (its id at the vendor)
 * are the vendor's own: its {@link Vendor} binds and checks them from the same key,
 * through {@link VendorSettings}.
 *
 * @param businessNumber the business number in E.164 form
 * @param account the name of the account
 */
public record Channel(String businessNumber, String account) {

}
