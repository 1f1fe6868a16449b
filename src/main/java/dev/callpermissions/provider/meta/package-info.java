/**
 * Meta's WhatsApp Cloud API and ChakraHQ, which passes Meta's format through: shared wire
 * records and mappers, two paths.
 */
package dev.callpermissions.provider.meta;
