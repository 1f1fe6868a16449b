package dev.callpermissions.lookup.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where answers are kept ({@code call-permissions.cache.store}); the other
 * {@code call-permissions.cache} keys are the answer cache's own.
 *
 * @param store {@code local} (each process its own) or {@code redis} (shared by the
 * replicas, with Spring Boot's {@code spring.data.redis.*} keys)
 */
@ConfigurationProperties("call-permissions.cache")
record StoreProperties(@DefaultValue("local") Store store) {

	/**
	 * The kinds of store.
	 */
	enum Store {

		/** Caffeine in the process. */
		LOCAL,

		/** Redis, with Caffeine in the process as a near-cache. */
		REDIS

	}

}
