package dev.callpermissions.provider.meta;

import dev.callpermissions.provider.Account;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.CallPermissionProviderFactory;
import dev.callpermissions.provider.ProviderType;
import dev.callpermissions.provider.VendorClientFactory;

import org.springframework.stereotype.Component;

/**
 * Builds providers for {@code meta} and {@code chakra} accounts, authenticated with
 * {@code Authorization: Bearer <access-token>}.
 */
@Component
class GraphApiProviderFactory implements CallPermissionProviderFactory {

	private final VendorClientFactory clients;

	GraphApiProviderFactory(VendorClientFactory clients) {
		this.clients = clients;
	}

	@Override
	public boolean supports(ProviderType type) {
		return GraphApi.of(type) != null;
	}

	@Override
	public CallPermissionProvider create(String accountName, Account account) {
		return new GraphApiProvider(GraphApi.of(account.type()), account.apiVersion(),
				this.clients.create(accountName, account, (headers) -> headers.setBearerAuth(account.accessToken())),
				this.clients.jsonReader());
	}

}
