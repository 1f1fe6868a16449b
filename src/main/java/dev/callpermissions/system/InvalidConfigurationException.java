package dev.callpermissions.system;

/**
 * Configuration that cannot work; start-up stops with one line naming the key.
 */
public class InvalidConfigurationException extends IllegalStateException {

	private final String key;

	public InvalidConfigurationException(String key, String problem) {
		super(key + ": " + problem);
		this.key = key;
	}

	public String getKey() {
		return this.key;
	}

}
