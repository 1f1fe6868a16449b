package dev.callpermissions.lookup;

import dev.callpermissions.permission.CallPermission;

/**
 * An answer as it was served: from the vendor, or from the cache (then with an
 * {@code Age}).
 *
 * @param answer the canonical answer
 * @param fromCache whether the cache answered
 */
record ServedAnswer(CallPermission answer, boolean fromCache) {

}
