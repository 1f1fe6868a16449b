/**
 * The port every vendor adapter implements, the configuration of accounts and channels,
 * and what all adapters share.
 */
package dev.callpermissions.provider;
