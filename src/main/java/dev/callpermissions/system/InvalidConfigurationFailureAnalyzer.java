package dev.callpermissions.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports invalid configuration as one line naming the key, instead of a wall of stack
 * trace. Ordered first, ahead of Boot's generic binding report.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
		return new FailureAnalysis("Invalid configuration: " + cause.getMessage(),
				"Correct " + cause.getKey() + " (in application.yaml, an environment variable or a mounted secret).",
				cause);
	}

}
