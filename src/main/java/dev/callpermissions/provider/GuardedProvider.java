package dev.callpermissions.provider;

import java.util.List;

import dev.callpermissions.phone.WhatsAppUser;

/**
 * An account's provider behind its {@link ProviderResilience.Guard}: every vendor
 * request, single or bulk, passes the same retry, breaker, limiter and bulkhead.
 */
final class GuardedProvider implements CallPermissionProvider {

	private final ProviderResilience.Guard guard;

	private final CallPermissionProvider provider;

	GuardedProvider(ProviderResilience.Guard guard, CallPermissionProvider provider) {
		this.guard = guard;
		this.provider = provider;
	}

	@Override
	public ProviderAnswer lookup(Channel channel, WhatsAppUser user) {
		return this.guard.call(() -> this.provider.lookup(channel, user));
	}

	@Override
	public int usersPerRequest() {
		return this.provider.usersPerRequest();
	}

	@Override
	public List<ProviderOutcome> lookupAll(List<UserLookup> lookups) {
		return this.guard.call(() -> this.provider.lookupAll(lookups));
	}

}
