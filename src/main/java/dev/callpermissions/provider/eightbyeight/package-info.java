/**
 * 8x8 Chat Apps API ("Get Call Permission Status"): sub-account and channel in the path,
 * the user as an E.164 {@code destination}, camelCase answers.
 */
package dev.callpermissions.provider.eightbyeight;
