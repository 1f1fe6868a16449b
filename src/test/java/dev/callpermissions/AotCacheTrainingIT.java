package dev.callpermissions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The image's JDK AOT cache is trained by {@code docker/aot-training/train.sh}: the
 * service, started from the jar extracted as the image extracts it, answers a lookup for
 * each vendor (WireMock on loopback with compose's canned answers, from the test class
 * path's jar as the image build copies it) and the probes, and stops, and the JVM writes
 * the cache. Nobody builds the image in CI, so this runs the script itself, with the
 * image's {@code JAVA_OPTS}: a new setting the training configuration lacks, or a flag
 * the cache refuses, fails here and not in a {@code docker build}. The service then
 * starts from the cache with {@code -XX:AOTMode=on}, which stops the JVM if the cache
 * cannot be used.
 */
class AotCacheTrainingIT {

	private static final String LOOKUP = "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765401";

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	@TempDir
	Path work;

	private Process trainer;

	private Process service;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.trainer != null) {
			// the training JVM is the script's child: it would outlive bash
			this.trainer.descendants().forEach(ProcessHandle::destroyForcibly);
			this.trainer.destroyForcibly();
		}
		if (this.service != null) {
			this.service.destroy();
			if (!this.service.waitFor(30, TimeUnit.SECONDS)) {
				this.service.destroyForcibly();
			}
		}
	}

	@Test
	void theTrainingRunAsksEveryVendorOnceAndWritesACacheTheServiceStartsFrom() throws Exception {
		assumeThat(Runtime.version().feature()).as("-XX:AOTCacheOutput needs JDK 25, the image's")
			.isGreaterThanOrEqualTo(25);
		Path jar = extractedJar();
		String javaOpts = imageJavaOpts();
		Path cache = this.work.resolve("application.aot");
		File trainingLog = this.work.resolve("training.log").toFile();

		ProcessBuilder training = new ProcessBuilder("bash", "docker/aot-training/train.sh", jar.toString(),
				cache.toString())
			.redirectErrorStream(true)
			.redirectOutput(trainingLog);
		training.environment().put("JAVA_OPTS", javaOpts);
		training.environment().put("AOT_TRAINING_PORT", Integer.toString(freePort()));
		training.environment().put("AOT_TRAINING_VENDOR_PORT", Integer.toString(freePort()));
		training.environment()
			.put("AOT_TRAINING_WIREMOCK",
					Path.of(WireMockServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
						.toString());
		training.environment().put("PATH", javaBin() + File.pathSeparator + System.getenv("PATH"));
		this.trainer = training.start();

		assertThat(this.trainer.waitFor(180, TimeUnit.SECONDS)).as("the training run ended").isTrue();
		String log = Files.readString(trainingLog.toPath(), StandardCharsets.UTF_8);
		assertThat(this.trainer.exitValue()).as(log).isZero();
		assertThat(log.lines().filter((line) -> line.startsWith("HTTP/1.1 ")).toList()).containsExactly(
				"HTTP/1.1 200 OK /actuator/health/liveness",
				"HTTP/1.1 200 OK /call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765401",
				"HTTP/1.1 200 OK /call-permissions?businessNumber=%2B14155550101&userNumber=%2B13057765401",
				"HTTP/1.1 200 OK /call-permissions?businessNumber=%2B6560000001&userNumber=%2B13057765401",
				"HTTP/1.1 200 OK /call-permissions?businessNumber=%2B912012345472&userNumber=%2B13057765401",
				"HTTP/1.1 200 OK /actuator/health/readiness");
		assertThat(log).as("each vendor asked once and answered")
			.containsOnlyOnce("provider=meta account=meta outcome=success")
			.containsOnlyOnce("provider=chakra account=chakra outcome=success")
			.containsOnlyOnce("provider=8x8 account=eightbyeight outcome=success")
			.containsOnlyOnce("provider=kaleyra account=kaleyra outcome=success");
		assertThat(cache).isNotEmptyFile();

		vendor.stubFor(get(urlPathEqualTo("/v23.0/106540352242922/call_permissions")).willReturn(okJson("""
				{"messaging_product":"whatsapp","permission":{"status":"permanent"},"actions":[]}""")));
		int port = freePort();
		File serviceLog = this.work.resolve("service.log").toFile();
		List<String> command = new ArrayList<>();
		command.add(javaBin().resolve("java").toString());
		command.addAll(List.of(javaOpts.split(" ")));
		command
			.addAll(List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on", "-jar", jar.toString(), "--server.port=" + port,
					"--server.address=127.0.0.1", "--call-permissions.accounts.meta-main.provider=meta",
					"--call-permissions.accounts.meta-main.access-token=meta-token",
					"--call-permissions.accounts.meta-main.base-url=" + vendor.baseUrl(),
					"--call-permissions.channels[0].business-number=+14155550100",
					"--call-permissions.channels[0].account=meta-main",
					"--call-permissions.channels[0].phone-number-id=106540352242922",
					"--call-permissions.security.api-keys.crm=crm-key"));
		this.service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(serviceLog).start();
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest lookup = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + LOOKUP))
			.header("X-API-Key", "crm-key")
			.timeout(Duration.ofSeconds(10))
			.build();

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.failFast("the service ended: " + serviceLog, () -> !this.service.isAlive())
			.ignoreExceptions()
			.until(() -> client.send(lookup, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
		assertThat(client.send(lookup, HttpResponse.BodyHandlers.ofString()).body())
			.contains("\"status\":\"permanent\"");
	}

	/**
	 * The image's flags, as in the Deployment's 512 Mi: a cache must be trained with the
	 * flags it starts with.
	 */
	private static String imageJavaOpts() throws IOException {
		Matcher env = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]+)\"$")
			.matcher(Files.readString(Path.of("docker/Dockerfile")));
		assertThat(env.find()).as("the Dockerfile's JAVA_OPTS").isTrue();
		return "-XX:MaxRAM=512m " + env.group(1);
	}

	/**
	 * The jar as the image extracts it: the JVM caches classes only from a plain class
	 * path.
	 */
	private Path extractedJar() throws IOException, InterruptedException {
		List<Path> jars = new ArrayList<>();
		try (DirectoryStream<Path> built = Files.newDirectoryStream(Path.of("target"),
				"call-permissions-proxy-*.jar")) {
			built.forEach(jars::add);
		}
		assertThat(jars).as("the jar ./mvnw package built").hasSize(1);
		Path built = jars.get(0);
		Path extracted = this.work.resolve("extracted");
		Process extract = new ProcessBuilder(javaBin().resolve("java").toString(), "-Djarmode=tools", "-jar",
				built.toString(), "extract", "--destination", extracted.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("extract.log").toFile())
			.start();
		assertThat(extract.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(extract.exitValue()).isZero();
		return extracted.resolve(built.getFileName());
	}

	private static Path javaBin() {
		return Path.of(System.getProperty("java.home"), "bin");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
