package dev.callpermissions.provider.eightbyeight;

import dev.callpermissions.provider.Account;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.CallPermissionProviderFactory;
import dev.callpermissions.provider.ProviderType;
import dev.callpermissions.provider.VendorClientFactory;

import org.springframework.stereotype.Component;

/**
 * Builds providers for {@code 8x8} accounts, authenticated with
 * {@code Authorization: Bearer <api-key>}.
 */
@Component
class EightByEightProviderFactory implements CallPermissionProviderFactory {

	private final VendorClientFactory clients;

	EightByEightProviderFactory(VendorClientFactory clients) {
		this.clients = clients;
	}

	@Override
	public boolean supports(ProviderType type) {
		return type == ProviderType.EIGHT_BY_EIGHT;
	}

	@Override
	public CallPermissionProvider create(String accountName, Account account) {
		return new EightByEightProvider(account.subAccountId(),
				this.clients.create(accountName, account, (headers) -> headers.setBearerAuth(account.apiKey())),
				this.clients.jsonReader());
	}

}
