package dev.callpermissions.lookup.store;

import java.util.List;

import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.Permission;

/**
 * A vendor's answer as the replicas share it: what the answer cache keeps, without the
 * vendor's body.
 *
 * @param permission the permission
 * @param actions the actions the vendor reported
 * @param callAllowed the vendor's own verdict on calling, if it gave one
 * @param retrievedAtSecond when the vendor was asked, in seconds since the epoch
 */
public record StoredAnswer(Permission permission, List<Action> actions, Boolean callAllowed, long retrievedAtSecond) {

}
