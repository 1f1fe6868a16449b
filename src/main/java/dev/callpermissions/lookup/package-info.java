/**
 * The feature: the HTTP edge, the lookup and batch services and the answer cache, above
 * the providers.
 */
package dev.callpermissions.lookup;
