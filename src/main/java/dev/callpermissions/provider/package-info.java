/**
 * The port every vendor adapter implements, the common account and channel settings, the
 * {@link dev.callpermissions.provider.Vendor} descriptor each vendor package declares and
 * finds itself by, and what all adapters share.
 */
package dev.callpermissions.provider;
