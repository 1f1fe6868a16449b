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
 * @param callAllowed the vendor's own overall yes or no to a call, where it gives one
 * apart from the status and actions (ChakraHQ's {@code permission.can_call}), else
 * {@code null}; it can only take a verdict away
 */
public record ProviderAnswer(Permission permission, List<Action> actions, byte[] rawBody, Boolean callAllowed) {

	public ProviderAnswer {
		actions = List.copyOf(actions);
	}

	/**
	 * An answer from a vendor that says nothing beyond the status and actions.
	 */
	public ProviderAnswer(Permission permission, List<Action> actions, byte[] rawBody) {
		this(permission, actions, rawBody, null);
	}

}
