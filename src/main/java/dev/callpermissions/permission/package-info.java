/**
 * The vocabulary: the canonical call-permission records the adapters produce and the pure
 * rule that derives the verdict from them; a leaf that imports nothing of the rest.
 */
package dev.callpermissions.permission;
