package dev.callpermissions.system;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a setting refused by a constraint ({@code @Validated} properties) as the same
 * one line naming the key as {@link InvalidConfigurationFailureAnalyzer}, without the
 * value, which may be a secret.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class BindValidationFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
		ObjectError error = cause.getValidationErrors().getAllErrors().get(0);
		String key = (error instanceof FieldError field)
				? error.getObjectName() + "." + DataObjectPropertyName.toDashedForm(field.getField())
				: error.getObjectName();
		return new FailureAnalysis("Invalid configuration: " + key + ": " + error.getDefaultMessage(),
				"Correct " + key + " (in application.yaml, an environment variable or a mounted secret).", cause);
	}

}
