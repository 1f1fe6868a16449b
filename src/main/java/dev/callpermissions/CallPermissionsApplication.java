package dev.callpermissions;

import io.github.resilience4j.springboot3.bulkhead.autoconfigure.ThreadPoolBulkheadMetricsAutoConfiguration;
import io.github.resilience4j.springboot3.micrometer.autoconfigure.TimerAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterMetricsAutoConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.http.client.reactive.ClientHttpConnectorAutoConfiguration;
import org.springframework.boot.autoconfigure.netty.NettyAutoConfiguration;
import org.springframework.boot.autoconfigure.reactor.ReactorAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.callpermissions.system.StartupCompilerPriority;

/**
 * The service. Clients authenticate by API key only, so Spring Security's generated user
 * and password are switched off. The other exclusions configure what the service never
 * uses but finds on its classpath (Lettuce brings Reactor and Netty; resilience4j brings
 * time limiters, timers and thread-pool bulkheads): each bean is work at every start.
 */
@SpringBootApplication(exclude = { UserDetailsServiceAutoConfiguration.class, NettyAutoConfiguration.class,
		ReactorAutoConfiguration.class, ClientHttpConnectorAutoConfiguration.class,
		SqlInitializationAutoConfiguration.class, RestTemplateAutoConfiguration.class,
		WebSocketServletAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
		TimeLimiterAutoConfiguration.class, TimeLimiterMetricsAutoConfiguration.class, TimerAutoConfiguration.class,
		ThreadPoolBulkheadMetricsAutoConfiguration.class })
@ConfigurationPropertiesScan
public class CallPermissionsApplication {

	public static void main(String[] args) {
		StartupCompilerPriority.deferOptimizingCompiler();
		SpringApplication.run(CallPermissionsApplication.class, args);
	}

}
