package dev.callpermissions.provider;

/**
 * Builds the provider for a configured account; one bean per vendor package.
 */
public interface CallPermissionProviderFactory {

	boolean supports(ProviderType type);

	CallPermissionProvider create(String accountName, Account account);

}
