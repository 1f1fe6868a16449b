/**
 * Value types for the two ways a WhatsApp user is addressed: an E.164 phone number and a
 * Meta business-scoped user id.
 */
package dev.callpermissions.phone;
