package dev.callpermissions.provider;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.Permission;

/**
 * What a vendor reported, in the canonical vocabulary.
 *
 * @param permission the user's permission
 * @param actions the actions the vendor reported
 * @param vendorBody the vendor's response body, for {@code include=raw}: made only when
 * asked, since a vendor that answers many users at once shows each only its own part
 * @param callAllowed the vendor's own overall yes or no to a call, where it gives one
 * apart from the status and actions (ChakraHQ's {@code permission.can_call}), else
 * {@code null}; it can only take a verdict away
 */
public record ProviderAnswer(Permission permission, List<Action> actions, Supplier<byte[]> vendorBody,
		Boolean callAllowed) {

	public ProviderAnswer {
		actions = List.copyOf(actions);
		Objects.requireNonNull(vendorBody, "vendorBody");
	}

	/**
	 * An answer with the body as the vendor sent it.
	 */
	public ProviderAnswer(Permission permission, List<Action> actions, byte[] rawBody, Boolean callAllowed) {
		this(permission, actions, () -> rawBody, callAllowed);
	}

	/**
	 * An answer from a vendor that says nothing beyond the status and actions.
	 */
	public ProviderAnswer(Permission permission, List<Action> actions, byte[] rawBody) {
		this(permission, actions, rawBody, null);
	}

	/** The vendor's response body, made now. */
	public byte[] rawBody() {
		return this.vendorBody.get();
	}

}
