package dev.arcred.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arcred.emulator.Emulator;
import dev.arcred.emulator.EmulatorOptions;
import dev.arcred.emulator.Faults;
import dev.arcred.emulator.FleetState;
import dev.arcred.emulator.GcloudConfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gcloud, a client no one here wrote, against the emulator's REST surface through the CLOUDSDK_CONFIG that
 * {@code arcred emulator} writes: the commands people use every day work, and arcred's audit sees exactly the
 * effect of gcloud's fixes. Skipped where gcloud is not installed.
 */
class GcloudTest {
  static final String NOW = "2026-12-01T00:00:00Z";
  static final String ORG = "510000000001";
  static final String SERVICE = "projects/acme-data-dashboards/locations/us-central1/repositories/npmjs-proxy";
  static final String PINNED = "projects/acme-data-dashboards/locations/europe-west1/repositories/npmjs-proxy";
  static final ObjectMapper JSON = new ObjectMapper();

  static Path gcloud;
  @TempDir Path tmp;

  record Result(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  @BeforeAll
  static void findGcloud() {
    gcloud = Optional.ofNullable(System.getenv("PATH")).stream()
        .flatMap(p -> java.util.Arrays.stream(p.split(File.pathSeparator)))
        .map(dir -> Path.of(dir, "gcloud")).filter(Files::isExecutable).findFirst().orElse(null);
    Assumptions.assumeTrue(gcloud != null, "gcloud is not installed here: the gcloud tests are skipped");
  }

  /** Runs gcloud commands in parallel, each with the given CLOUDSDK_CONFIG; answers in order. */
  static List<Result> gcloud(Path config, List<List<String>> commands) throws Exception {
    List<CompletableFuture<Result>> runs = new ArrayList<>();
    for (List<String> args : commands) {
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          List<String> cmd = new ArrayList<>(List.of(gcloud.toString()));
          cmd.addAll(args);
          cmd.add("--quiet");
          ProcessBuilder pb = new ProcessBuilder(cmd);
          Map<String, String> env = pb.environment();
          env.put("CLOUDSDK_CONFIG", config.toString());
          env.remove("GOOGLE_APPLICATION_CREDENTIALS");
          env.remove("CLOUDSDK_AUTH_ACCESS_TOKEN_FILE");
          Path out = Files.createTempFile(config, "out", ".txt");
          Path err = Files.createTempFile(config, "err", ".txt");
          Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
          if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gcloud " + args + " did not finish");
          }
          return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    List<Result> results = new ArrayList<>();
    for (var r : runs) {
      results.add(r.get());
    }
    return results;
  }

  static Emulator demo() throws Exception {
    // Cloud Asset an hour behind: gcloud's fixes reach arcred only through the owning APIs.
    return Emulator.start(FleetState.load(EndToEndTest.demo()),
        EmulatorOptions.defaults().withFaults(Faults.none().withAssetLag(Duration.ofHours(1))));
  }

  @Test
  void everydayReadCommandsWork() throws Exception {
    try (Emulator emulator = demo()) {
      Path config = GcloudConfig.write(tmp.resolve("gcloud"), emulator.restUrl());
      List<Result> r = gcloud(config, List.of(
          List.of("artifacts", "repositories", "describe", "npmjs-proxy", "--project=acme-data-dashboards",
              "--location=us-central1", "--format=json"),
          List.of("artifacts", "repositories", "list", "--project=acme-data-dashboards", "--format=json"),
          List.of("secrets", "versions", "describe", "4", "--secret=npm-token", "--project=acme-secrets",
              "--format=json"),
          List.of("secrets", "versions", "list", "npm-token", "--project=acme-secrets", "--format=json"),
          List.of("secrets", "get-iam-policy", "npm-token", "--project=acme-secrets", "--format=json"),
          List.of("asset", "search-all-resources", "--scope=organizations/" + ORG,
              "--asset-types=artifactregistry.googleapis.com/Repository", "--format=json"),
          List.of("asset", "list", "--organization=" + ORG, "--content-type=iam-policy", "--format=json"),
          List.of("secrets", "describe", "no-such-secret", "--project=acme-secrets")));
      for (int i = 0; i < 7; i++) {
        assertThat(r.get(i).exit()).as("command %d: %s", i, r.get(i).err()).isZero();
      }
      assertThat(r.get(0).json().at("/remoteRepositoryConfig/upstreamCredentials/usernamePasswordCredentials/"
          + "passwordSecretVersion").asText()).isEqualTo("projects/acme-secrets/secrets/npm-token/versions/4");
      Set<String> listed = new TreeSet<>();
      r.get(1).json().forEach(n -> listed.add(n.get("name").asText()));
      Set<String> inFleet = new TreeSet<>();
      emulator.state().repositories().stream().map(x -> x.getName())
          .filter(n -> n.startsWith("projects/acme-data-dashboards/")).forEach(inFleet::add);
      assertThat(listed).isEqualTo(inFleet).hasSizeGreaterThan(1);
      assertThat(r.get(2).json().get("name").asText()).isEqualTo("projects/520000000100/secrets/npm-token/versions/4");
      assertThat(r.get(2).json().get("state").asText()).isEqualTo("ENABLED");
      assertThat(r.get(3).json()).hasSize(4);
      assertThat(r.get(4).out()).contains("service-520000000101@gcp-sa-artifactregistry.iam.gserviceaccount.com");
      assertThat(r.get(5).json()).hasSize(emulator.state().repositories().size());
      assertThat(r.get(5).out()).doesNotContain("passwordSecretVersion");
      assertThat(r.get(6).out()).contains("//secretmanager.googleapis.com/projects/520000000100/secrets/npm-token")
          .contains("roles/secretmanager.secretAccessor");
      // Google's error body: gcloud prints the status and message, not a raw body
      assertThat(r.get(7).exit()).isNotZero();
      assertThat(r.get(7).err()).contains("NOT_FOUND").contains("no-such-secret").doesNotContain("{\"error\"");
    }
  }

  @Test
  void theAuditSeesExactlyTheFixesMadeWithGcloud() throws Exception {
    Path clean = tmp.resolve("clean");
    assertThat(CommandLineTest.run("audit", "--demo", "--now", NOW, "--out", clean.toString()).exit()).isEqualTo(1);
    try (Emulator emulator = demo()) {
      Path config = GcloudConfig.write(tmp.resolve("gcloud"), emulator.restUrl());
      List<Result> r = gcloud(config, List.of(
          List.of("secrets", "add-iam-policy-binding", "npm-token", "--project=acme-secrets",
              "--member=serviceAccount:service-520000000133@gcp-sa-artifactregistry.iam.gserviceaccount.com",
              "--role=roles/secretmanager.secretAccessor"),
          List.of("artifacts", "repositories", "update", "npmjs-proxy", "--project=acme-data-dashboards",
              "--location=europe-west1", "--remote-username=viz-ci",
              "--remote-password-secret-version=projects/acme-data-dashboards/secrets/npm-token/versions/3")));
      assertThat(r.get(0).exit()).as(r.get(0).err()).isZero();
      assertThat(r.get(1).exit()).as(r.get(1).err()).isZero();
      assertThat(emulator.calls().count("google.cloud.secretmanager.v1.SecretManagerService/SetIamPolicy")).isOne();
      assertThat(emulator.calls().count("google.devtools.artifactregistry.v1.ArtifactRegistry/UpdateRepository"))
          .isOne();

      Path after = tmp.resolve("after");
      assertThat(CommandLineTest.run("audit", "--endpoint", emulator.endpoint(), "--org", ORG, "--now", NOW,
          "--out", after.toString()).exit()).isEqualTo(1);
      Set<String> expected = new TreeSet<>(Reports.findingKeys(clean));
      Set<String> fixed = Set.of(SERVICE + " SERVICE_AGENT_NO_ACCESS", PINNED + " SECRET_VERSION_DISABLED",
          PINNED + " SECRET_VERSION_DESTROY_SCHEDULED");
      assertThat(expected).containsAll(fixed);
      expected.removeAll(fixed);
      assertThat(new TreeSet<>(Reports.findingKeys(after))).isEqualTo(expected);
      Map<String, String> before = statuses(clean);
      Map<String, String> now = statuses(after);
      assertThat(now.keySet()).isEqualTo(before.keySet());
      before.forEach((repo, status) -> {
        if (repo.equals(SERVICE) || repo.equals(PINNED)) {
          assertThat(now.get(repo)).as(repo).isEqualTo("OK");
        } else {
          assertThat(now.get(repo)).as(repo).isEqualTo(status);
        }
      });
    }
  }

  private static Map<String, String> statuses(Path out) throws Exception {
    return Reports.csv(out.resolve("repositories.csv")).stream()
        .collect(java.util.stream.Collectors.toMap(r -> r.get("repository"), r -> r.get("status")));
  }
}
