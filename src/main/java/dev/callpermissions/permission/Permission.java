package dev.callpermissions.permission;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The user's call permission as the vendor reports it.
 *
 * @param status the canonical status
 * @param expiresAt when a temporary permission ends, or {@code null}
 * @param source how the permission came about, where the vendor says
 * @param providerStatus the vendor's own status word, or {@code null} when it sent none
 */
@Schema(requiredProperties = { "status", "expiresAt", "source", "providerStatus" })
public record Permission(PermissionStatus status, @Schema(nullable = true) Instant expiresAt,
		@Schema(nullable = true) PermissionSource source, @Schema(nullable = true) String providerStatus) {

	/**
	 * The same permission seen at {@code now}: a temporary one past its expiry is
	 * {@link PermissionStatus#EXPIRED}.
	 */
	Permission at(Instant now) {
		if (this.status == PermissionStatus.TEMPORARY && this.expiresAt != null && !this.expiresAt.isAfter(now)) {
			return new Permission(PermissionStatus.EXPIRED, this.expiresAt, this.source, this.providerStatus);
		}
		return this;
	}

}
