package dev.callpermissions.provider.kaleyra;

/**
 * A Kaleyra account's own keys under {@code call-permissions.accounts.<name>}.
 *
 * @param sid the account SID
 * @param apiKey the API key
 */
record KaleyraAccountSettings(String sid, String apiKey) {

	@Override
	public String toString() {
		return "KaleyraAccountSettings[sid=" + this.sid + ", apiKey=" + ((this.apiKey != null) ? "******" : "null")
				+ "]";
	}

}
