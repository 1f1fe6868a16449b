/**
 * The feature: the canonical call-permission model, the lookup service and its HTTP edge.
 */
package dev.callpermissions.permission;
