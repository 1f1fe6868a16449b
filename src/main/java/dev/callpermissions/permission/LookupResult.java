package dev.callpermissions.permission;

/**
 * An answer and whether it came from the cache.
 */
record LookupResult(CallPermission answer, boolean fromCache) {

}
