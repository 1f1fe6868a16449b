/**
 * Where answers are kept beyond one process: with {@code call-permissions.cache.store:
 * redis} the replicas share answers, evictions, vendor calls in flight and each account's
 * rate through Redis, and fall back to their own when Redis does not answer.
 */
package dev.callpermissions.lookup.store;
