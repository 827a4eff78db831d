package dev.arcred.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.asset.v1.Asset;
import com.google.cloud.asset.v1.ContentType;
import com.google.cloud.asset.v1.ListAssetsRequest;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.protobuf.util.JsonFormat;
import dev.arcred.emulator.Emulator;
import dev.arcred.emulator.EmulatorOptions;
import dev.arcred.emulator.FleetState;
import dev.arcred.emulator.generate.FleetGenerator;
import dev.arcred.emulator.generate.FleetSpec;
import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arcred snapshot} through the real Google clients against an emulator on loopback: the snapshot of a served
 * fleet, audited with --fleet, gives the same reports as the audit of the served fleet through --endpoint.
 */
class SnapshotTest {
  static final String NOW = "2026-12-01T00:00:00Z";
  static final String ASSET = "google.cloud.asset.v1.AssetService/";
  static final String ARTIFACT_REGISTRY = "google.devtools.artifactregistry.v1.ArtifactRegistry/";
  static final String SECRET_MANAGER = "google.cloud.secretmanager.v1.SecretManagerService/";
  static final String REPOSITORY = "artifactregistry.googleapis.com/Repository";

  @TempDir Path tmp;

  static Path demo() {
    return Path.of("app/demo-fleet.ndjson");
  }

  private static String org(Emulator emulator) {
    return emulator.state().organization().substring("organizations/".length());
  }

  private static InProcess.Run snapshot(Emulator emulator, Path out) {
    return CommandLineTest.run("snapshot", "--endpoint", emulator.endpoint(), "--org", org(emulator),
        "--out", out.toString());
  }

  // ------------------------------------------------------------------ snapshot, then audit: the same reports

  @TestFactory
  Stream<DynamicTest> snapshotAuditsLikeTheServedFleet() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("demo", () -> sameAudit("demo", demo())));
    Path cases = FieldCasesTest.casesDir();
    if (!Files.isDirectory(cases)) {
      System.err.println("SnapshotTest: no field cases at " + cases.toAbsolutePath() + " (arcred.sharedDir): only the"
          + " demo fleet is checked");
    } else {
      try (Stream<Path> dirs = Files.list(cases)) {
        dirs.filter(d -> Files.isRegularFile(d.resolve("fleet.ndjson"))).sorted().forEach(d -> tests.add(
            DynamicTest.dynamicTest(d.getFileName().toString(),
                () -> sameAudit(d.getFileName().toString(), d.resolve("fleet.ndjson")))));
      }
    }
    return tests.stream();
  }

  private void sameAudit(String name, Path fleet) throws Exception {
    Path dir = tmp.resolve(name);
    Path snap = dir.resolve("snapshot.ndjson");
    Path served = dir.resolve("served");
    Path offline = dir.resolve("offline");
    int servedExit;
    try (Emulator emulator = Emulator.start(FleetState.load(fleet), EmulatorOptions.defaults())) {
      InProcess.Run s = snapshot(emulator, snap);
      assertThat(s.exit()).as(s.err()).isZero();
      servedExit = CommandLineTest.run("audit", "--endpoint", emulator.endpoint(), "--org", org(emulator),
          "--now", NOW, "--out", served.toString()).exit();
    }
    int offlineExit = CommandLineTest.run("audit", "--fleet", snap.toString(), "--now", NOW,
        "--out", offline.toString()).exit();

    assertThat(offlineExit).isEqualTo(servedExit).isIn(0, 1);
    assertThat(Reports.audited(served)).as("the served fleet has repositories to audit").isNotEmpty();
    for (String report : List.of("findings.csv", "repositories.csv")) {
      assertThat(Files.readString(offline.resolve(report))).as(name + ": " + report)
          .isEqualTo(Files.readString(served.resolve(report)));
      assertThat(Files.mismatch(offline.resolve(report), served.resolve(report))).as(name + ": " + report)
          .isEqualTo(-1L);
    }
  }

  // ------------------------------------------------------------------ what the snapshot holds

  @Test
  void snapshotHoldsTheCredentialsThatCloudAssetRedacts() throws Exception {
    Path snap = tmp.resolve("s.ndjson");
    try (Emulator emulator = Emulator.start(FleetState.load(demo()), EmulatorOptions.defaults())) {
      assertThat(snapshot(emulator, snap).exit()).isZero();

      // Metadata only: no payload read, no per-secret call at all; one ListRepositories per project-location.
      assertThat(emulator.calls().count(SECRET_MANAGER + "AccessSecretVersion")).isZero();
      assertThat(emulator.calls().snapshot().keySet()).noneMatch(m -> m.startsWith(SECRET_MANAGER));
      Set<String> projectLocations = emulator.state().repositories().stream()
          .map(r -> r.getName().substring(0, r.getName().indexOf("/repositories/")))
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(emulator.calls().count(ARTIFACT_REGISTRY + "ListRepositories")).isEqualTo(projectLocations.size());
      assertThat(emulator.calls().count(ARTIFACT_REGISTRY + "GetRepository")).isZero();
      assertThat(emulator.calls().count(ASSET + "ListAssets")).isEqualTo(11); // 7 resource types, 4 policy types

      Map<String, Repository> withCredentials = emulator.state().repositories().stream()
          .filter(r -> r.getRemoteRepositoryConfig().getUpstreamCredentials().hasUsernamePasswordCredentials())
          .collect(Collectors.toMap(Repository::getName, r -> r));
      assertThat(withCredentials).hasSizeGreaterThan(10);

      // In the snapshot: every repository's username and passwordSecretVersion, as Artifact Registry has them.
      Map<String, Repository> inSnapshot = repositories(snap);
      assertThat(inSnapshot.keySet()).isEqualTo(emulator.state().repositories().stream()
          .map(Repository::getName).collect(Collectors.toSet()));
      withCredentials.forEach((name, repo) -> assertThat(credentials(inSnapshot.get(name))).as(name)
          .isEqualTo(credentials(repo)));
      assertThat(inSnapshot.values()).filteredOn(r -> !credentials(r).contains("")).hasSizeGreaterThan(10);

      // Cloud Asset's own answer for the same repositories holds none of them.
      try (GoogleClients clients = GoogleClients.connect(Connection.emulator(emulator.endpoint()))) {
        List<Asset> listed = new ArrayList<>();
        clients.asset().listAssets(ListAssetsRequest.newBuilder().setParent(emulator.state().organization())
            .setContentType(ContentType.RESOURCE).addAssetTypes(REPOSITORY).setPageSize(1000).build())
            .iterateAll().forEach(listed::add);
        assertThat(listed).hasSize(inSnapshot.size());
        for (Asset a : listed) {
          String json = JsonFormat.printer().print(a.getResource().getData());
          assertThat(json).as(a.getName()).doesNotContain("\"username\"")
              .doesNotContain("\"passwordSecretVersion\"");
        }
      }
    }
  }

  @Test
  void snapshotReloadsAsTheServedState() throws Exception {
    Path snap = tmp.resolve("s.ndjson");
    FleetState original = FleetState.load(demo());
    try (Emulator emulator = Emulator.start(original, EmulatorOptions.defaults())) {
      assertThat(snapshot(emulator, snap).exit()).isZero();
    }
    FleetState reloaded = FleetState.load(snap);
    assertThat(reloaded.organization()).isEqualTo(original.organization());
    assertThat(reloaded.resourceAssets()).containsExactlyElementsOf(original.resourceAssets());
    assertThat(reloaded.policyAssets()).containsExactlyElementsOf(original.policyAssets());
    assertThat(reloaded.repositories()).containsExactlyElementsOf(original.repositories());
  }

  /** Over 1,000 repositories in one project-location: Cloud Asset and Artifact Registry both answer in pages. */
  @Test
  void pagedAnswersAreCapturedWhole() throws Exception {
    Path fleet = tmp.resolve("paged.ndjson");
    new FleetGenerator(new FleetSpec(2100, 2, 1, 1, 1, FleetSpec.DEFAULT_NOW)).write(fleet);
    FleetState original = FleetState.load(fleet);
    Path snap = tmp.resolve("s.ndjson");
    try (Emulator emulator = Emulator.start(original, EmulatorOptions.defaults())) {
      InProcess.Run r = snapshot(emulator, snap);
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(emulator.calls().count(ARTIFACT_REGISTRY + "ListRepositories")).isGreaterThan(2);
      assertThat(emulator.calls().count(ASSET + "ListAssets")).isGreaterThan(11);
    }
    assertThat(original.repositories().stream().map(rp -> rp.getName().split("/repositories/")[0]).distinct())
        .hasSizeLessThanOrEqualTo(2);
    FleetState reloaded = FleetState.load(snap);
    assertThat(reloaded.repositories()).hasSizeGreaterThan(2000).containsExactlyElementsOf(original.repositories());
    assertThat(reloaded.resourceAssets()).containsExactlyElementsOf(original.resourceAssets());
    assertThat(reloaded.policyAssets()).containsExactlyElementsOf(original.policyAssets());
  }

  @Test
  void linesComeInAssetTypeOrderThenByName() throws Exception {
    Path snap = tmp.resolve("s.ndjson");
    try (Emulator emulator = Emulator.start(FleetState.load(demo()), EmulatorOptions.defaults())) {
      assertThat(snapshot(emulator, snap).exit()).isZero();
    }
    List<String> order = List.of(
        "cloudresourcemanager.googleapis.com/Organization", "cloudresourcemanager.googleapis.com/Folder",
        "cloudresourcemanager.googleapis.com/Project", REPOSITORY, "secretmanager.googleapis.com/Secret",
        "secretmanager.googleapis.com/SecretVersion", "iam.googleapis.com/Role",
        "cloudresourcemanager.googleapis.com/Organization policy", "cloudresourcemanager.googleapis.com/Folder policy",
        "cloudresourcemanager.googleapis.com/Project policy", "secretmanager.googleapis.com/Secret policy");
    List<Asset> assets = assets(snap);
    assertThat(assets.get(0).getName()).isEqualTo("//cloudresourcemanager.googleapis.com/organizations/510000000001");
    List<String> keys = assets.stream()
        .map(a -> String.format("%02d %s", order.indexOf(a.getAssetType() + (a.hasIamPolicy() ? " policy" : "")),
            a.getName()))
        .toList();
    assertThat(keys).noneMatch(k -> k.startsWith("-1")).isSorted();
    assertThat(Files.readString(snap)).endsWith("}\n").doesNotContain("\n\n").doesNotContain("\": ");
  }

  @Test
  void twoSnapshotsOfTheSameFleetAreIdentical() throws Exception {
    Path first = tmp.resolve("first.ndjson");
    Path second = tmp.resolve("second.ndjson");
    try (Emulator emulator = Emulator.start(FleetState.load(demo()), EmulatorOptions.defaults())) {
      assertThat(snapshot(emulator, first).exit()).isZero();
      assertThat(snapshot(emulator, second).exit()).isZero();
    }
    assertThat(Files.size(first)).isPositive();
    assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
    // --fleet serves the file through the embedded emulator: the same bytes again.
    Path third = tmp.resolve("third.ndjson");
    assertThat(CommandLineTest.run("snapshot", "--fleet", demo().toString(), "--out", third.toString()).exit())
        .isZero();
    assertThat(Files.mismatch(first, third)).isEqualTo(-1L);
  }

  // ------------------------------------------------------------------ failures: nothing written

  @Test
  void deniedProjectExits3AndWritesNothing() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("out"));
    Path out = dir.resolve("fleet.ndjson");
    Files.writeString(out, "the previous snapshot\n");
    FleetState state = FleetState.load(demo());
    String denied = state.repositories().get(state.repositories().size() / 2).getName().split("/")[1];
    EmulatorOptions options = EmulatorOptions.defaults().denyProjects(denied);
    try (Emulator emulator = Emulator.start(state, options)) {
      InProcess.Run r = snapshot(emulator, out);
      assertThat(r.exit()).as(r.err()).isEqualTo(3);
      assertThat(r.err()).contains("ListRepositories(projects/" + denied + "/locations/").contains("PERMISSION_DENIED")
          .contains("no snapshot written").doesNotContain("\tat ");
    }
    assertThat(Files.readString(out)).isEqualTo("the previous snapshot\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(out); // no temporary file left behind
    }
    Path fresh = dir.resolve("fresh.ndjson");
    try (Emulator emulator = Emulator.start(FleetState.load(demo()), options)) {
      assertThat(snapshot(emulator, fresh).exit()).isEqualTo(3);
    }
    assertThat(fresh).doesNotExist();
  }

  @Test
  void unknownOrganizationExits3NamingTheCall() throws Exception {
    Path out = tmp.resolve("s.ndjson");
    try (Emulator emulator = Emulator.start(FleetState.load(demo()), EmulatorOptions.defaults())) {
      InProcess.Run r = CommandLineTest.run("snapshot", "--endpoint", emulator.endpoint(), "--org", "42",
          "--out", out.toString());
      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.err()).contains("Cloud Asset ListAssets(organizations/42").contains("NOT_FOUND");
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void usageErrorsExit2AndWriteNothing() throws IOException {
    Path out = tmp.resolve("s.ndjson");
    InProcess.Run noOrg = CommandLineTest.run("snapshot", "--endpoint", "127.0.0.1:1", "--out", out.toString());
    assertThat(noOrg.exit()).isEqualTo(2);
    assertThat(noOrg.err()).contains("--org");
    InProcess.Run noOut = CommandLineTest.run("snapshot", "--endpoint", "127.0.0.1:1", "--org", "1");
    assertThat(noOut.exit()).isEqualTo(2);
    assertThat(noOut.err()).contains("--out");
    InProcess.Run badOrg = CommandLineTest.run("snapshot", "--endpoint", "127.0.0.1:1", "--org", "acme",
        "--out", out.toString());
    assertThat(badOrg.exit()).isEqualTo(2);
    assertThat(badOrg.err()).contains("acme");
    InProcess.Run folder = CommandLineTest.run("snapshot", "--demo", "--out", tmp.toString());
    assertThat(folder.exit()).isEqualTo(2);
    assertThat(folder.err()).contains("folder");
    Path notAFleet = Files.writeString(tmp.resolve("bad.ndjson"), "{\"nope\": 1}\n");
    InProcess.Run badFleet = CommandLineTest.run("snapshot", "--fleet", notAFleet.toString(),
        "--out", out.toString());
    assertThat(badFleet.exit()).isEqualTo(2);
    assertThat(badFleet.err()).contains("bad.ndjson");
    assertThat(out).doesNotExist();
  }

  /** Live with no credentials: exit 2 and how to log in (child JVM, clean environment, no metadata server probe). */
  @Test
  void liveWithoutCredentialsSaysHowToLogIn() throws Exception {
    Path out = tmp.resolve("s.ndjson");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.arcred.cli.Main",
        "snapshot", "--org", "123456789012", "--quota-project", "billing-p", "--out", out.toString())
        .redirectErrorStream(true);
    pb.environment().remove("GOOGLE_APPLICATION_CREDENTIALS");
    pb.environment().put("NO_GCE_CHECK", "true");
    pb.environment().put("HOME", tmp.toString());
    pb.environment().put("CLOUDSDK_CONFIG", tmp.resolve("gcloud").toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("gcloud auth application-default login").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }

  // ------------------------------------------------------------------ reading a snapshot back

  private static List<Asset> assets(Path file) throws IOException {
    List<Asset> assets = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      Asset.Builder a = Asset.newBuilder();
      JsonFormat.parser().merge(line, a);
      assets.add(a.build());
    }
    return assets;
  }

  private static Map<String, Repository> repositories(Path file) throws IOException {
    Map<String, Repository> repos = new java.util.HashMap<>();
    for (Asset a : assets(file)) {
      if (a.getAssetType().equals(REPOSITORY)) {
        Repository.Builder r = Repository.newBuilder();
        JsonFormat.parser().merge(JsonFormat.printer().print(a.getResource().getData()), r);
        repos.put(r.getName(), r.build());
      }
    }
    return repos;
  }

  private static List<String> credentials(Repository r) {
    var c = r.getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials();
    return List.of(c.getUsername(), c.getPasswordSecretVersion());
  }
}
