package dev.callpermissions.provider;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.http.HttpHeaders;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Builds each account's {@link VendorClient} once, on Boot's {@link RestClient.Builder}
 * and a pooled Apache HttpClient of its own, with the account's timeout for connecting,
 * for waiting for a pooled connection and for the whole call ({@link Deadlines}).
 */
@Component
public class VendorClientFactory implements DisposableBean {

	/** As many as the default bulkhead lets call at once. */
	private static final int MAX_CONNECTIONS_PER_ACCOUNT = 64;

	private final List<CloseableHttpClient> httpClients = new CopyOnWriteArrayList<>();

	/** Each vendor call's: a socket timeout would time each read instead. */
	private final Deadlines deadlines = new Deadlines("vendor-call-deadlines");

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

	/**
	 * The client of one account of the vendor, sending {@code authentication} with every
	 * request.
	 */
	public VendorClient create(Vendor vendor, String accountName, Account account,
			Consumer<HttpHeaders> authentication) {
		URI baseUrl = vendor.baseUrl(account);
		Timeout timeout = Timeout.of(account.timeout());
		PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(MAX_CONNECTIONS_PER_ACCOUNT)
			.setMaxConnPerRoute(MAX_CONNECTIONS_PER_ACCOUNT)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(timeout)
				.setSocketTimeout(Timeout.DISABLED)
				// a connection idle this long is checked before reuse: vendors close idle
				// ones
				.setValidateAfterInactivity(TimeValue.ofSeconds(2))
				.build())
			.build();
		CloseableHttpClient httpClient = HttpClients.custom()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(timeout)
				.setResponseTimeout(Timeout.DISABLED)
				.build())
			// retries are resilience4j's, which knows what is transient and honours
			// Retry-After
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.build();
		this.httpClients.add(httpClient);
		HttpComponentsClientHttpRequestFactory requestFactory = new HttpComponentsClientHttpRequestFactory(httpClient) {

			@Override
			protected void postProcessHttpRequest(ClassicHttpRequest request) {
				if (request instanceof Cancellable cancellable) {
					VendorClientFactory.this.deadlines.cancelOnThisThread(cancellable::cancel);
				}
			}

		};
		RestClient restClient = this.restClientBuilder.clone()
			.requestFactory(requestFactory)
			.defaultHeaders(authentication)
			.build();
		return new VendorClient(vendor.id(), accountName, restClient, baseUrl, this.deadlines, account.timeout(),
				this.clock, new VendorCallMetrics(this.meterRegistry, vendor.id(), accountName));
	}

	@Override
	public void destroy() throws IOException {
		for (CloseableHttpClient httpClient : this.httpClients) {
			httpClient.close();
		}
		this.deadlines.close();
	}

}
