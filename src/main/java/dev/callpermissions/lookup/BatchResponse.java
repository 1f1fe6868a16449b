package dev.callpermissions.lookup;

import java.util.List;

import dev.callpermissions.permission.CallPermission;
import dev.callpermissions.system.ApiProblem;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.ProblemDetail;

/**
 * The answer of {@code POST /call-permissions/batch}: one result per lookup, in order.
 *
 * @param results each a {@link CallPermission} or a {@link Failure}
 */
record BatchResponse(@ArraySchema(schema = @Schema(oneOf = {
		CallPermission.class, BatchResponse.Failure.class })) List<Object> results){

	/**
	 * A lookup that got no answer, with the numbers as the caller sent them.
	 *
	 * @param businessNumber as sent
	 * @param userNumber as sent
	 * @param userId as sent
	 * @param error the problem, as a single lookup would have answered it
	 */
	@Schema(name = "BatchFailure", requiredProperties = { "businessNumber", "userNumber", "userId", "error" })
	record Failure(@Schema(nullable = true) String businessNumber, @Schema(nullable = true) String userNumber,
			@Schema(nullable = true) String userId, @Schema(implementation = ApiProblem.class) ProblemDetail error) {
	}

}
