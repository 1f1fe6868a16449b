package dev.callpermissions.system;

/**
 * A request refused before anything in it was acted on, with the code that says why.
 */
public class RefusedRequestException extends ApiException {

	private final ErrorCode errorCode;

	public RefusedRequestException(ErrorCode errorCode, String message) {
		super(message);
		this.errorCode = errorCode;
	}

	@Override
	public ErrorCode errorCode() {
		return this.errorCode;
	}

}
