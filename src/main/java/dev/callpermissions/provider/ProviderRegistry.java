package dev.callpermissions.provider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.callpermissions.phone.PhoneNumber;

import org.springframework.stereotype.Component;

/**
 * Routes a business number to its channel and its account's provider (behind the
 * account's resilience guard), built once at start-up.
 */
@Component
public class ProviderRegistry {

	private final Map<String, Route> routesByBusinessNumber;

	private final Map<String, List<Route>> graphRoutesByPhoneNumberId;

	ProviderRegistry(ProviderProperties properties, Vendors vendors, ProviderResilience resilience) {
		List<Channel> channels = properties.channels();
		Map<String, Map<Channel, VendorSettings>> channelsByAccount = new HashMap<>();
		for (int i = 0; i < channels.size(); i++) {
			channelsByAccount.computeIfAbsent(channels.get(i).account(), (name) -> new HashMap<>())
				.put(channels.get(i), vendors.channelSettings(i));
		}
		Map<String, CallPermissionProvider> providersByAccount = new HashMap<>();
		properties.accounts().forEach((name, account) -> {
			CallPermissionProvider provider = vendors.of(account)
				.create(name, account, vendors.accountSettings(name), channelsByAccount.getOrDefault(name, Map.of()));
			providersByAccount.put(name, resilience.guard(name, account, provider));
		});
		Map<String, Route> routes = new HashMap<>();
		Map<String, List<Route>> graphRoutes = new HashMap<>();
		for (int i = 0; i < channels.size(); i++) {
			Channel channel = channels.get(i);
			Account account = properties.accounts().get(channel.account());
			Vendor vendor = vendors.of(account);
			Route route = new Route(channel, channel.account(), vendor, providersByAccount.get(channel.account()));
			routes.put(PhoneNumber.parse(channel.businessNumber()).value(), route);
			String phoneNumberId = vendor.phoneNumberId(vendors.channelSettings(i));
			if (phoneNumberId != null) {
				graphRoutes.computeIfAbsent(phoneNumberId, (id) -> new ArrayList<>()).add(route);
			}
		}
		this.routesByBusinessNumber = Map.copyOf(routes);
		graphRoutes.replaceAll((id, list) -> List.copyOf(list));
		this.graphRoutesByPhoneNumberId = Map.copyOf(graphRoutes);
	}

	public Optional<Route> route(PhoneNumber businessNumber) {
		return Optional.ofNullable(this.routesByBusinessNumber.get(businessNumber.value()));
	}

	/**
	 * The channels of a Graph phone-number id ({@code meta} and {@code chakra}), as
	 * Meta's webhooks name a business number (none when the id is not configured).
	 */
	public List<Route> routesByPhoneNumberId(String phoneNumberId) {
		return (phoneNumberId != null) ? this.graphRoutesByPhoneNumberId.getOrDefault(phoneNumberId, List.of())
				: List.of();
	}

}
