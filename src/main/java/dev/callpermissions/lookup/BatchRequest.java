package dev.callpermissions.lookup;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /call-permissions/batch}.
 *
 * @param lookups 1 to 100 lookups
 */
record BatchRequest(@Schema(description = "1 to 100 lookups; each is answered in this order",
		requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required") @Size(min = 1,
				max = BatchRequest.MAX_LOOKUPS, message = "must hold 1 to " + BatchRequest.MAX_LOOKUPS
						+ " lookups") List<@Valid @NotNull(message = "must not hold null") LookupRequest> lookups) {

	static final int MAX_LOOKUPS = 100;

}
