/**
 * Kaleyra WhatsApp v2 ("Get Call Consent Status"): the SID in the path, an
 * {@code api-key} header, and a paginated list filtered by comma-separated numbers.
 */
package dev.callpermissions.provider.kaleyra;
