/**
 * What every request crosses: problem details, request ids, API keys, OpenAPI and
 * start-up checks. It knows no feature package.
 */
package dev.callpermissions.system;
