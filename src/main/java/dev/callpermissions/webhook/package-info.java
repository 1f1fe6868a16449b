/**
 * Signed vendor deliveries in, evictions out: the webhook endpoints, their signature and
 * handshake checks, and the routing of each change to the cached answers it makes stale.
 * Parsing a delivery is the vendor package's.
 */
package dev.callpermissions.webhook;
