package dev.callpermissions.permission;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Something the business may do towards the user, with the vendor's rate limits on it.
 *
 * @param name {@value #START_CALL}, {@value #SEND_CALL_PERMISSION_REQUEST} or another
 * name the vendor reported
 * @param allowed whether the vendor allows it now
 * @param limits the vendor's limits, possibly empty
 */
@Schema(requiredProperties = { "name", "allowed", "limits" })
public record Action(String name, boolean allowed, List<ActionLimit> limits) {

	public static final String START_CALL = "start_call";

	public static final String SEND_CALL_PERMISSION_REQUEST = "send_call_permission_request";

	public Action {
		limits = (limits != null) ? List.copyOf(limits) : List.of();
	}

}
