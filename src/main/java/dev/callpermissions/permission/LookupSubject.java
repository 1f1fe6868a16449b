package dev.callpermissions.permission;

/**
 * Who was asked about: the routing facts and the caller's numbers, as they appear in the
 * answer.
 */
public record LookupSubject(String provider, String account, String businessNumber, String userNumber, String userId) {

}
