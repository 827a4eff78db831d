package dev.arcred.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.iam.v1.Binding;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.GetPolicyOptions;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import dev.arcred.emulator.Emulator;
import dev.arcred.emulator.EmulatorOptions;
import dev.arcred.emulator.Faults;
import dev.arcred.emulator.FleetState;
import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo audit under the emulator's faults: transient errors are retried away, denials are CHECK_ERROR where they
 * are and nowhere else, and Cloud Asset's lag never shows in the findings, because every failing link is confirmed
 * with its owning API and every repository with Artifact Registry.
 */
class FaultsTest {
  static final String NOW = "2026-12-01T00:00:00Z";
  static final String ORG = "510000000001";
  /** SERVICE_AGENT_NO_ACCESS: acme-data-dashboards' agent cannot read acme-secrets/npm-token. */
  static final String NO_ACCESS = "projects/acme-data-dashboards/locations/us-central1/repositories/npmjs-proxy";
  static final String DASHBOARDS_AGENT =
      "serviceAccount:service-520000000133@gcp-sa-artifactregistry.iam.gserviceaccount.com";
  /** SECRET_VERSION_NOT_FOUND: pins version 7, which does not exist. */
  static final String DELETED = "projects/acme-legacy-monolith/locations/europe-west1/repositories/npmjs-proxy";

  @TempDir static Path tmp;
  static Path clean;

  @BeforeAll
  static void cleanRun() {
    clean = tmp.resolve("clean");
    assertThat(CommandLineTest.run("audit", "--demo", "--now", NOW, "--out", clean.toString()).exit()).isEqualTo(1);
  }

  private static int audit(Emulator emulator, Path out, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("audit", "--endpoint", emulator.endpoint(), "--org", ORG,
        "--now", NOW, "--out", out.toString()));
    args.addAll(List.of(more));
    return CommandLineTest.run(args.toArray(String[]::new)).exit();
  }

  private static Emulator demo(EmulatorOptions options) throws Exception {
    return Emulator.start(FleetState.load(EndToEndTest.demo()), options);
  }

  @Test
  void tenPercentUnavailableAndResourceExhaustedOnEveryMethodChangeNothing() throws Exception {
    Faults faults = Faults.none().withSeed(2026).withErrors(List.of(
        Faults.ErrorRule.parseFlag("UNAVAILABLE:0.1"), Faults.ErrorRule.parseFlag("RESOURCE_EXHAUSTED:0.1")))
        .withIamWriter(Duration.ofMillis(5));
    for (String transport : List.of("grpc", "rest")) {
      try (Emulator emulator = demo(EmulatorOptions.defaults().withFaults(faults))) {
        Path out = tmp.resolve("faulty-" + transport);
        assertThat(audit(emulator, out, "--transport", transport)).as(transport).isEqualTo(1);
        for (String file : List.of("findings.csv", "repositories.csv", "findings.json")) {
          assertThat(Files.readString(out.resolve(file))).as(transport + " " + file)
              .isEqualTo(Files.readString(clean.resolve(file)));
        }
        assertThat(emulator.iamWriterEdits()).as("the IAM writer ran during the audit").isPositive();
      }
    }
  }

  @Test
  void theRestTransportGivesTheSameAuditAsGrpc() throws Exception {
    Path out = tmp.resolve("rest");
    assertThat(CommandLineTest.run("audit", "--demo", "--transport", "rest", "--now", NOW, "--out", out.toString())
        .exit()).isEqualTo(1);
    for (String file : List.of("findings.csv", "repositories.csv", "findings.json", "report.html")) {
      assertThat(Files.readString(out.resolve(file))).as(file).isEqualTo(Files.readString(clean.resolve(file)));
    }
  }

  @Test
  void badTransportOrEmulatorOptionsAreUsageErrors() {
    Path out = tmp.resolve("never");
    InProcess.Run soap = CommandLineTest.run("audit", "--demo", "--transport", "soap", "--out", out.toString());
    assertThat(soap.exit()).isEqualTo(2);
    assertThat(soap.err()).contains("--transport");
    InProcess.Run latency = CommandLineTest.run("audit", "--demo", "--latency", tmp.resolve("nope").toString(),
        "--out", out.toString());
    assertThat(latency.exit()).isEqualTo(2);
    assertThat(latency.err()).contains("--latency").contains("nope").doesNotContain("Exception");
    InProcess.Run fail = CommandLineTest.run("audit", "--demo", "--fail", "SOMETIMES", "--out", out.toString());
    assertThat(fail.exit()).isEqualTo(2);
    assertThat(fail.err()).contains("--fail");
    InProcess.Run endpoint = CommandLineTest.run("audit", "--endpoint", "127.0.0.1:1", "--org", ORG,
        "--quotas", "google", "--out", out.toString());
    assertThat(endpoint.exit()).isEqualTo(2);
    assertThat(endpoint.err()).contains("--fleet or --demo");
    assertThat(out).doesNotExist();
  }

  /** Past 1,000 assets Cloud Asset answers in pages: every getNextPage must be retried as the first page is. */
  @Test
  void pagedListingsSurviveTheSameErrors() throws Exception {
    Path fleet = tmp.resolve("generated.ndjson");
    new dev.arcred.emulator.generate.FleetGenerator(dev.arcred.emulator.generate.FleetSpec.of(1500)).write(fleet);
    String org = FleetState.load(fleet).organization().substring("organizations/".length());
    Faults faults = Faults.none().withSeed(7).withErrors(List.of(
        Faults.ErrorRule.parseFlag("UNAVAILABLE:0.1"), Faults.ErrorRule.parseFlag("RESOURCE_EXHAUSTED:0.1")));
    Path calm = tmp.resolve("generated-clean");
    Path faulty = tmp.resolve("generated-faulty");
    long listAssets;
    try (Emulator emulator = Emulator.start(FleetState.load(fleet), EmulatorOptions.defaults())) {
      audit(emulator, org, calm);
      listAssets = emulator.calls().count("google.cloud.asset.v1.AssetService/ListAssets");
    }
    assertThat(listAssets).as("several pages").isGreaterThanOrEqualTo(5);
    try (Emulator emulator = Emulator.start(FleetState.load(fleet), EmulatorOptions.defaults().withFaults(faults))) {
      audit(emulator, org, faulty);
      assertThat(emulator.calls().count("google.cloud.asset.v1.AssetService/ListAssets")).isGreaterThan(listAssets);
    }
    for (String file : List.of("findings.csv", "repositories.csv")) {
      assertThat(Files.readString(faulty.resolve(file))).as(file).isEqualTo(Files.readString(calm.resolve(file)));
    }
    assertThat(Reports.audited(calm)).hasSizeGreaterThan(1000);
  }

  private static void audit(Emulator emulator, String org, Path out) {
    int exit = CommandLineTest.run("audit", "--endpoint", emulator.endpoint(), "--org", org, "--now", NOW,
        "--out", out.toString()).exit();
    assertThat(exit).isIn(0, 1);
  }

  @Test
  void deniedProjectsAreCheckErrorsThereAndCorrectElsewhere() throws Exception {
    Set<String> denied = Set.of("acme-data-etl", "acme-mobile-dev");
    Path out = tmp.resolve("denied");
    InProcess.Run run = CommandLineTest.run("audit", "--demo", "--now", NOW, "--out", out.toString(),
        "--deny-project", "acme-data-etl", "--deny-project", "520000000122");
    assertThat(run.exit()).isEqualTo(3);
    Map<String, Set<String>> before = findingsByRepository(clean);
    Map<String, Set<String>> after = findingsByRepository(out);
    assertThat(Reports.audited(out)).isEqualTo(Reports.audited(clean));
    int checked = 0;
    for (String repo : Reports.audited(clean)) {
      if (denied.contains(repo.split("/")[1])) {
        assertThat(after.get(repo)).as(repo).containsExactly("CHECK_ERROR");
        checked++;
      } else {
        assertThat(after.getOrDefault(repo, Set.of())).as(repo).isEqualTo(before.getOrDefault(repo, Set.of()));
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(8);
  }

  @Test
  void withCloudAssetLaggingAFixIsSeenAtOnceAndADeletedRepositoryIsNotReported() throws Exception {
    EmulatorOptions lagging = EmulatorOptions.defaults().withFaults(Faults.none().withAssetLag(Duration.ofHours(1)));
    try (Emulator emulator = demo(lagging);
        GoogleClients clients = GoogleClients.connect(Connection.emulator(emulator.endpoint()))) {
      // The fix, through the API as gcloud makes it: read the policy (version 3), add the binding, write it back.
      String secret = "projects/acme-secrets/secrets/npm-token";
      Policy policy = clients.secretManager().getIamPolicy(GetIamPolicyRequest.newBuilder().setResource(secret)
          .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(3)).build());
      clients.secretManager().setIamPolicy(SetIamPolicyRequest.newBuilder().setResource(secret).setPolicy(
          policy.toBuilder().setVersion(3).addBindings(Binding.newBuilder()
              .setRole("roles/secretmanager.secretAccessor").addMembers(DASHBOARDS_AGENT))).build());
      emulator.state().deleteRepository(DELETED);

      Path out = tmp.resolve("lagging");
      assertThat(audit(emulator, out)).isEqualTo(1);
      Set<String> expected = new TreeSet<>(Reports.findingKeys(clean));
      assertThat(expected).contains(NO_ACCESS + " SERVICE_AGENT_NO_ACCESS", DELETED + " SECRET_VERSION_NOT_FOUND");
      expected.remove(NO_ACCESS + " SERVICE_AGENT_NO_ACCESS");
      expected.remove(DELETED + " SECRET_VERSION_NOT_FOUND");
      assertThat(new TreeSet<>(Reports.findingKeys(out))).isEqualTo(expected);
      Set<String> audited = new TreeSet<>(Reports.audited(clean));
      audited.remove(DELETED);
      assertThat(new TreeSet<>(Reports.audited(out))).isEqualTo(audited);

      // Cloud Asset still shows the deleted repository and the old policy: the lag was in force.
      var listed = clients.asset().listAssets(com.google.cloud.asset.v1.ListAssetsRequest.newBuilder()
          .setParent("organizations/" + ORG).setContentType(com.google.cloud.asset.v1.ContentType.IAM_POLICY)
          .addAssetTypes("secretmanager.googleapis.com/Secret").build()).iterateAll();
      int seen = 0;
      for (var asset : listed) {
        if (asset.getName().equals("//secretmanager.googleapis.com/projects/520000000100/secrets/npm-token")) {
          assertThat(asset.getIamPolicy().getBindingsList()).flatExtracting(Binding::getMembersList)
              .doesNotContain(DASHBOARDS_AGENT);
          seen++;
        }
      }
      assertThat(seen).isEqualTo(1);
      assertThat(emulator.state().assetView(Duration.ofHours(1)).resourceAssets())
          .anyMatch(a -> a.getName().endsWith(DELETED));
    }
  }

  static Map<String, Set<String>> findingsByRepository(Path out) throws Exception {
    return Reports.csv(out.resolve("findings.csv")).stream().collect(Collectors.groupingBy(r -> r.get("repository"),
        Collectors.mapping(r -> r.get("rule"), Collectors.toCollection(TreeSet::new))));
  }
}
