package dev.callpermissions.provider;

import java.net.URI;
import java.net.http.HttpClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.DefaultUriBuilderFactory.EncodingMode;

/**
 * Builds each account's {@link VendorClient} once, on Boot's {@link RestClient.Builder}
 * (so observations and message converters apply) and the JDK HTTP client.
 */
@Component
public class VendorClientFactory {

	private final RestClient.Builder restClientBuilder;

	private final ObjectReader jsonReader;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	public VendorClientFactory(RestClient.Builder restClientBuilder, ObjectMapper objectMapper, Clock clock,
			MeterRegistry meterRegistry) {
		// each vendor call is timed and logged by VendorCallMetrics, with its account
		this.restClientBuilder = restClientBuilder.clone().observationRegistry(ObservationRegistry.NOOP);
		this.meterRegistry = meterRegistry;
		// a vendor body is kept as raw JSON: anything after its value would make it
		// invalid
		this.jsonReader = objectMapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.clock = clock;
	}

	/**
	 * The reader adapters derive their typed readers from, once.
	 */
	public ObjectReader jsonReader() {
		return this.jsonReader;
	}

	public VendorClient create(String accountName, Account account, Consumer<HttpHeaders> authentication) {
		URI baseUrl = account.resolvedBaseUrl();
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(account.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			// h2c upgrade on plain http is not spoken by every server; https negotiates
			// h2 by ALPN
			.version("http".equalsIgnoreCase(baseUrl.getScheme()) ? HttpClient.Version.HTTP_1_1
					: HttpClient.Version.HTTP_2)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(account.timeout());
		DefaultUriBuilderFactory uriBuilderFactory = new DefaultUriBuilderFactory(baseUrl.toString());
		uriBuilderFactory.setEncodingMode(EncodingMode.TEMPLATE_AND_VALUES);
		RestClient restClient = this.restClientBuilder.clone()
			.requestFactory(requestFactory)
			.uriBuilderFactory(uriBuilderFactory)
			.defaultHeaders(authentication)
			.build();
		return new VendorClient(account.type(), accountName, restClient, this.clock,
				new VendorCallMetrics(this.meterRegistry, account.type().id(), accountName));
	}

}
