package dev.callpermissions.lookup;

import dev.callpermissions.permission.CallPermission;
import dev.callpermissions.system.ApiException;

/**
 * One batch lookup's result: an answer or the failure that stands in its place.
 */
record LookupOutcome(CallPermission answer, ApiException failure) {

	static LookupOutcome answered(CallPermission answer) {
		return new LookupOutcome(answer, null);
	}

	static LookupOutcome failed(ApiException failure) {
		return new LookupOutcome(null, failure);
	}

}
