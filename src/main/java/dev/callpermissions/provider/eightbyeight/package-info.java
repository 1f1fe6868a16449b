/**
 * 8x8 Chat Apps API ("Get Call Permission Status", seeds/002): sub-account and channel in
 * the path, the user as an E.164 {@code destination}, camelCase answers.
 */
package dev.callpermissions.provider.eightbyeight;
