package dev.callpermissions.lookup;

import dev.callpermissions.permission.CallPermission;

/**
 * An answer and whether it came from the cache.
 */
record LookupResult(CallPermission answer, boolean fromCache) {

}
