package dev.callpermissions.provider.kaleyra;

import dev.callpermissions.provider.Account;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.CallPermissionProviderFactory;
import dev.callpermissions.provider.ProviderType;
import dev.callpermissions.provider.VendorClientFactory;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Builds providers for {@code kaleyra} accounts, authenticated with the
 * {@code api-key: <api-key>} header.
 */
@Component
class KaleyraProviderFactory implements CallPermissionProviderFactory {

	private final VendorClientFactory clients;

	private final MeterRegistry meterRegistry;

	KaleyraProviderFactory(VendorClientFactory clients, MeterRegistry meterRegistry) {
		this.clients = clients;
		this.meterRegistry = meterRegistry;
	}

	@Override
	public boolean supports(ProviderType type) {
		return type == ProviderType.KALEYRA;
	}

	@Override
	public CallPermissionProvider create(String accountName, Account account) {
		return new KaleyraProvider(account.sid(),
				this.clients.create(accountName, account, (headers) -> headers.set("api-key", account.apiKey())),
				this.clients.jsonReader(), this.meterRegistry);
	}

}
