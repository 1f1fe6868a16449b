package dev.callpermissions.provider;

/**
 * One lookup's result within a bulk request: the vendor's answer, or the failure that
 * concerns this lookup only.
 *
 * @param answer the answer, or {@code null}
 * @param failure the failure, or {@code null}
 */
public record ProviderOutcome(ProviderAnswer answer, ProviderException failure) {

	public static ProviderOutcome answered(ProviderAnswer answer) {
		return new ProviderOutcome(answer, null);
	}

	public static ProviderOutcome failed(ProviderException failure) {
		return new ProviderOutcome(null, failure);
	}

	/**
	 * The answer.
	 * @throws ProviderException if this lookup failed
	 */
	public ProviderAnswer orThrow() {
		if (this.failure != null) {
			throw this.failure;
		}
		return this.answer;
	}

}
