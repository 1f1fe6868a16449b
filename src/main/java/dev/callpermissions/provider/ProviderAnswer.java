package dev.callpermissions.provider;

import java.util.List;

import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.Permission;

/**
 * What a vendor reported, in the canonical vocabulary.
 *
 * @param permission the user's permission
 * @param actions the actions the vendor reported
 * @param rawBody the vendor's response body, kept for {@code include=raw}
 */
public record ProviderAnswer(Permission permission, List<Action> actions, byte[] rawBody) {

	public ProviderAnswer {
		actions = List.copyOf(actions);
	}

}
