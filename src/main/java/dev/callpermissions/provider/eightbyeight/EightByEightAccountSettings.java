package dev.callpermissions.provider.eightbyeight;

/**
 * An 8x8 account's own keys under {@code call-permissions.accounts.<name>}.
 *
 * @param apiKey the API key, sent as the Bearer token
 * @param subAccountId the sub-account id
 */
record EightByEightAccountSettings(String apiKey, String subAccountId) {

	@Override
	public String toString() {
		return "EightByEightAccountSettings[apiKey=" + ((this.apiKey != null) ? "******" : "null") + ", subAccountId="
				+ this.subAccountId + "]";
	}

}
