package dev.callpermissions.system;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
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
		String key = (error instanceof FieldError field) ? key(error.getObjectName(), field.getField())
				: error.getObjectName();
		return new FailureAnalysis("Invalid configuration: " + key + ": " + error.getDefaultMessage(),
				"Correct " + key + " (in application.yaml, an environment variable or a mounted secret).", cause);
	}

	/**
	 * The key as it is configured: a map entry {@code apiKeys[crm]} is
	 * {@code api-keys.crm}, a list item keeps its index, {@code channels[0]}.
	 */
	private static String key(String prefix, String field) {
		String key = prefix + "." + DataObjectPropertyName.toDashedForm(field);
		if (!ConfigurationPropertyName.isValid(key)) {
			return key;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
		StringBuilder configured = new StringBuilder();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			String element = name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL);
			boolean plain = !name.isNumericIndex(i) && ConfigurationPropertyName.isValid(element);
			configured.append(plain ? ((i > 0) ? "." : "") + element : "[" + element + "]");
		}
		return configured.toString();
	}

}
