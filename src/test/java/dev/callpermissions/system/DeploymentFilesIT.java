package dev.callpermissions.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.CallPermissionsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files in {@code docker/} checked against the application, since no container engine
 * runs here: the compose sandbox answers, the Kubernetes configuration starts the service
 * and its probes answer, and the manifests keep the container locked down.
 */
class DeploymentFilesIT {

	private static final Path DOCKER = Path.of("docker");

	@RegisterExtension
	static WireMockExtension vendors = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1")
			.dynamicPort()
			.usingFilesUnderDirectory(DOCKER.resolve("vendors").toString()))
		.build();

	@Test
	void theComposeSandboxAnswersForEveryVendor() {
		try (ConfigurableApplicationContext context = start(DOCKER.resolve("sandbox/application.yaml"),
				"--VENDORS_URL=" + vendors.baseUrl())) {
			int port = port(context);
			assertStatus(port, "%2B14155550100", "%2B13057765401", "permanent");
			assertStatus(port, "%2B14155550101", "%2B13057765401", "temporary");
			assertStatus(port, "%2B6560000001", "%2B6591230001", "temporary");
			assertStatus(port, "%2B912012345472", "%2B919812345601", "permanent");
		}
	}

	@Test
	void theKubernetesConfigurationStartsTheServiceAndTheProbesAnswer(@TempDir Path config) throws IOException {
		Map<String, Object> configMap = manifest("configmap.yaml");
		Path applicationYaml = config.resolve("application.yaml");
		Files.writeString(applicationYaml, (String) map(configMap, "data").get("application.yaml"));
		Map<String, Object> container = container();
		List<String> args = new ArrayList<>();
		List<String> defined = new ArrayList<>();
		for (Map<String, Object> env : DeploymentFilesIT.<Map<String, Object>>list(container, "env")) {
			defined.add((String) env.get("name"));
			if ("REDIS_URL".equals(env.get("name"))) {
				// no Redis listens there: the probes and lookups must not need it
				args.add("--REDIS_URL=redis://127.0.0.1:1");
			}
			else if (env.containsKey("valueFrom")) {
				args.add("--" + env.get("name") + "=from-the-secret");
			}
		}
		Matcher placeholders = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(Files.readString(applicationYaml));
		while (placeholders.find()) {
			assertThat(defined).as("environment variables the ConfigMap needs").contains(placeholders.group(1));
		}
		// JSON logs would outlive this context in the shared test JVM
		args.add("--logging.structured.format.console=");

		try (ConfigurableApplicationContext context = start(applicationYaml, args.toArray(String[]::new))) {
			int port = port(context);
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				Map<String, Object> httpGet = map(map(container, probe), "httpGet");
				assertThat(httpGet.get("port")).isEqualTo("http");
				assertThat(get(port, (String) httpGet.get("path")).statusCode()).as(probe).isEqualTo(200);
			}
			assertThat(get(port, "/call-permissions?businessNumber=1", "X-API-Key", "from-the-secret").statusCode())
				.as("the Secret's CRM key lets a client in")
				.isEqualTo(400);
		}
	}

	@Test
	void theContainerListensWhereTheServiceAndTheImageSay() throws IOException {
		Map<String, Object> port = DeploymentFilesIT.<Map<String, Object>>list(container(), "ports").get(0);
		String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));

		// the application's port is Spring Boot's default: application.yaml sets none
		assertThat(Files.readString(Path.of("src/main/resources/application.yaml"))).doesNotContain("port:");
		assertThat(port).containsEntry("name", "http").containsEntry("containerPort", 8080);
		assertThat(dockerfile).contains("EXPOSE 8080");
		Map<String, Object> service = manifest("service.yaml");
		assertThat(DeploymentFilesIT.<Map<String, Object>>list(service, "spec", "ports").get(0))
			.containsEntry("targetPort", "http");
		assertThat(map(service, "spec", "selector")).isEqualTo(podLabels());
	}

	@Test
	void theImageStartsTheContextSpringProcessedAtBuildTime() throws IOException {
		String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));

		// with the same flags for the cache's training run (train.sh starts java with
		// $JAVA_OPTS; AotCacheTrainingIT runs it) and for every start;
		// AotProcessedStartIT holds that the settings read at run time still work that
		// way
		assertThat(dockerfile).containsPattern("ENV JAVA_OPTS=\"[^\"]*-Dspring\\.aot\\.enabled=true[^\"]*\"")
			.contains("RUN --mount=type=bind,source=docker,target=/docker")
			.contains("bash /docker/aot-training/train.sh application.jar application.aot")
			.contains("exec java $JAVA_OPTS -XX:AOTCache=application.aot");
		assertThat(Files.readString(DOCKER.resolve("aot-training/train.sh")))
			.contains("java ${JAVA_OPTS:-} -XX:AOTCacheOutput=\"$cache\"");
	}

	@Test
	void theAotCacheTrainingAsksOnlyWireMockOnLoopback() throws IOException {
		Map<String, Object> training = new Yaml()
			.load(Files.readString(DOCKER.resolve("aot-training/application.yaml")));
		Map<String, Object> accounts = map(training, "call-permissions", "accounts");

		// the build has a network: a vendor's own host would get the sandbox's
		// credentials
		assertThat(accounts).hasSize(4)
			.allSatisfy((name, account) -> assertThat(map(training, "call-permissions", "accounts", name))
				.containsEntry("base-url", "http://127.0.0.1:${AOT_TRAINING_VENDOR_PORT}"));
		assertThat(Files.readString(DOCKER.resolve("aot-training/train.sh")))
			.contains("java -jar \"$wiremock\" --bind-address 127.0.0.1 --port \"$AOT_TRAINING_VENDOR_PORT\"")
			.contains("--root-dir \"$here/../vendors\"");
	}

	@Test
	void theContainerRunsLockedDown() throws IOException {
		Map<String, Object> deployment = manifest("deployment.yaml");
		Map<String, Object> podSpec = map(deployment, "spec", "template", "spec");
		Map<String, Object> container = container();
		String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));

		assertThat(map(podSpec, "securityContext")).containsEntry("runAsNonRoot", true)
			.containsEntry("runAsUser", 10001);
		assertThat(dockerfile).contains("USER 10001:10001");
		assertThat(map(container, "securityContext")).containsEntry("readOnlyRootFilesystem", true)
			.containsEntry("allowPrivilegeEscalation", false)
			.containsEntry("capabilities", Map.of("drop", List.of("ALL")));
		assertThat(podSpec).containsEntry("automountServiceAccountToken", false);
		assertThat(DeploymentFilesIT.<Map<String, Object>>list(container, "volumeMounts"))
			.anySatisfy((mount) -> assertThat(mount).containsEntry("name", "tmp").containsEntry("mountPath", "/tmp"));
		assertThat(DeploymentFilesIT.<Map<String, Object>>list(podSpec, "volumes"))
			.anySatisfy((volume) -> assertThat(volume).containsEntry("name", "tmp").containsKey("emptyDir"));
		assertThat(map(container, "resources", "requests")).containsKeys("cpu", "memory");
		assertThat(map(container, "resources", "limits")).containsKey("memory");
	}

	@Test
	void shutdownFitsTheGracePeriod() throws IOException {
		Map<String, Object> podSpec = map(manifest("deployment.yaml"), "spec", "template", "spec");
		int preStop = (Integer) map(container(), "lifecycle", "preStop", "sleep").get("seconds");
		Map<String, Object> application = new Yaml()
			.load(Files.readString(Path.of("src/main/resources/application.yaml")));
		String shutdownPhase = (String) map(application, "spring", "lifecycle").get("timeout-per-shutdown-phase");

		assertThat((Integer) podSpec.get("terminationGracePeriodSeconds"))
			.isGreaterThan(preStop + Integer.parseInt(shutdownPhase.replace("s", "")));
	}

	@Test
	void everySecretTheDeploymentReadsExistsAndTheOthersPointAtTheDeployment() throws IOException {
		Map<String, Object> secret = manifest("secret.yaml");
		Map<String, Object> stringData = map(secret, "stringData");
		for (Map<String, Object> env : DeploymentFilesIT.<Map<String, Object>>list(container(), "env")) {
			if (env.containsKey("valueFrom")) {
				Map<String, Object> ref = map(env, "valueFrom", "secretKeyRef");
				assertThat(ref.get("name")).isEqualTo(map(secret, "metadata").get("name"));
				assertThat(stringData).containsKey((String) ref.get("key"));
			}
		}
		Map<String, Object> hpa = manifest("hpa.yaml");
		assertThat(map(hpa, "spec", "scaleTargetRef")).containsEntry("kind", "Deployment")
			.containsEntry("name", map(manifest("deployment.yaml"), "metadata").get("name"));
		assertThat(map(manifest("pdb.yaml"), "spec", "selector", "matchLabels")).isEqualTo(podLabels());
		assertThat(map(manifest("deployment.yaml"), "spec")).as("the HPA owns the replica count")
			.doesNotContainKey("replicas");
		assertThat((Integer) map(hpa, "spec").get("minReplicas")).isGreaterThanOrEqualTo(2);
		Map<String, Object> kustomization = manifest("kustomization.yaml");
		assertThat(DeploymentFilesIT.<String>list(kustomization, "resources"))
			.as("a re-apply never puts the example Secret's placeholders over the real one")
			.containsExactlyInAnyOrder("configmap.yaml", "deployment.yaml", "service.yaml", "hpa.yaml", "pdb.yaml");
	}

	private static void assertStatus(int port, String businessNumber, String userNumber, String status) {
		HttpResponse<String> response = get(port,
				"/call-permissions?businessNumber=" + businessNumber + "&userNumber=" + userNumber, "X-API-Key",
				"sandbox-key");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json(response).at("/permission/status").asText()).isEqualTo(status);
		assertThat(json(response).get("canCall").asBoolean()).isTrue();
	}

	private static Map<String, Object> container() throws IOException {
		Map<String, Object> deployment = manifest("deployment.yaml");
		return DeploymentFilesIT.<Map<String, Object>>list(deployment, "spec", "template", "spec", "containers").get(0);
	}

	private static Map<String, Object> podLabels() throws IOException {
		return map(manifest("deployment.yaml"), "spec", "template", "metadata", "labels");
	}

	private static Map<String, Object> manifest(String name) throws IOException {
		return new Yaml().load(Files.readString(DOCKER.resolve("k8s").resolve(name)));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> root, String... path) {
		return (Map<String, Object>) node(root, path);
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> list(Map<String, Object> root, String... path) {
		return (List<T>) node(root, path);
	}

	@SuppressWarnings("unchecked")
	private static Object node(Map<String, Object> root, String... path) {
		Object node = root;
		for (String key : path) {
			assertThat(node).as(String.join(".", path)).isInstanceOf(Map.class);
			node = ((Map<String, Object>) node).get(key);
		}
		assertThat(node).as(String.join(".", path)).isNotNull();
		return node;
	}

	private static ConfigurableApplicationContext start(Path configuration, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--spring.config.additional-location=file:" + configuration.toAbsolutePath());
		all.add("--server.port=0");
		return new SpringApplication(CallPermissionsApplication.class).run(all.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
