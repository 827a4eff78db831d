package dev.arcred.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arcred.emulator.Emulator;
import dev.arcred.emulator.EmulatorOptions;
import dev.arcred.emulator.FleetState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit through the real Google clients against an emulator served on a loopback port, as users run it with
 * --endpoint: findings, denials, scopes, and the calls it makes.
 */
class EndToEndTest {
  static final String SECRET_MANAGER = "google.cloud.secretmanager.v1.SecretManagerService/";
  static final String ARTIFACT_REGISTRY = "google.devtools.artifactregistry.v1.ArtifactRegistry/";
  static final String TEAM_C = "projects/team-c/locations/us-central1/repositories/npm-remote";
  static final String TEAM_D = "projects/team-d/locations/us-central1/repositories/npm-remote";

  @TempDir Path tmp;

  static Path fleet(String name) {
    Path p = FieldCasesTest.casesDir().resolve(name).resolve("fleet.ndjson");
    assumeTrue(Files.exists(p), "no field case " + p + ": skipped");
    return p;
  }

  static Path demo() {
    return Path.of("app/demo-fleet.ndjson");
  }

  private int audit(Emulator emulator, Path out, String... scope) {
    String[] args = new String[6 + scope.length];
    args[0] = "audit";
    args[1] = "--endpoint";
    args[2] = emulator.endpoint();
    args[3] = "--now";
    args[4] = "2026-12-01T00:00:00Z";
    args[5] = "--out=" + out;
    System.arraycopy(scope, 0, args, 6, scope.length);
    return CommandLineTest.run(args).exit();
  }

  @Test
  void crossProjectSecretThroughTheEndpoint() throws Exception {
    try (Emulator emulator = Emulator.start(FleetState.load(fleet("cross-project-secret")), EmulatorOptions.defaults())) {
      Path out = tmp.resolve("o");
      assertThat(audit(emulator, out, "--org", "100000000001")).isEqualTo(1);
      assertThat(Reports.findingKeys(out)).containsExactly(TEAM_C + " SERVICE_AGENT_NO_ACCESS");
      assertThat(Reports.audited(out)).containsExactlyInAnyOrder(TEAM_C, TEAM_D);
      // One ListRepositories per project-location, never a payload read.
      assertThat(emulator.calls().count(ARTIFACT_REGISTRY + "ListRepositories")).isEqualTo(2);
      assertThat(emulator.calls().count(ARTIFACT_REGISTRY + "GetRepository")).isZero();
      assertThat(emulator.calls().count(SECRET_MANAGER + "AccessSecretVersion")).isZero();
      // The shared secret's access fails for one repository: only its policy is confirmed, with one call.
      assertThat(emulator.calls().count(SECRET_MANAGER + "GetIamPolicy")).isEqualTo(1);
      assertThat(emulator.calls().count(SECRET_MANAGER + "GetSecret")).isZero();
      assertThat(emulator.calls().count(SECRET_MANAGER + "ListSecretVersions")).isZero();
    }
  }

  @Test
  void deniedProjectIsCheckErrorThereAndTheRestIsStillAudited() throws Exception {
    EmulatorOptions options = EmulatorOptions.defaults().denyProjects("team-c");
    try (Emulator emulator = Emulator.start(FleetState.load(fleet("cross-project-secret")), options)) {
      Path out = tmp.resolve("o");
      assertThat(audit(emulator, out, "--org", "100000000001")).isEqualTo(3);
      List<Map<String, String>> findings = Reports.csv(out.resolve("findings.csv"));
      assertThat(findings).extracting(r -> r.get("repository") + " " + r.get("rule"))
          .containsExactly(TEAM_C + " CHECK_ERROR");
      assertThat(findings.get(0).get("detail")).contains("PERMISSION_DENIED").contains("ListRepositories");
      Map<String, String> status = statusByRepository(out);
      assertThat(status).containsEntry(TEAM_C, "UNKNOWN").containsEntry(TEAM_D, "OK");
    }
  }

  @Test
  void deniedSecretIsCheckErrorNeverAVerdict() throws Exception {
    EmulatorOptions options = EmulatorOptions.defaults().denySecrets("projects/shared-secrets/secrets/npm-read");
    try (Emulator emulator = Emulator.start(FleetState.load(fleet("cross-project-secret")), options)) {
      Path out = tmp.resolve("o");
      assertThat(audit(emulator, out, "--org", "100000000001")).isEqualTo(3);
      // team-c's chain fails in bulk, and its confirmation cannot read the secret: no verdict, a CHECK_ERROR.
      assertThat(Reports.findingKeys(out)).contains(TEAM_C + " CHECK_ERROR")
          .doesNotContain(TEAM_C + " SERVICE_AGENT_NO_ACCESS");
      assertThat(statusByRepository(out)).containsEntry(TEAM_C, "UNKNOWN");
    }
  }

  @Test
  void projectScopeStillJudgesASecretOutsideIt() throws Exception {
    try (Emulator emulator = Emulator.start(FleetState.load(fleet("cross-project-secret")), EmulatorOptions.defaults())) {
      Path out = tmp.resolve("o");
      assertThat(audit(emulator, out, "--project", "team-c")).isEqualTo(1);
      assertThat(Reports.audited(out)).containsExactly(TEAM_C);
      assertThat(Reports.findingKeys(out)).containsExactly(TEAM_C + " SERVICE_AGENT_NO_ACCESS");
    }
  }

  @Test
  void folderScopeSeesAGrantOnTheFolderAboveTheProject() throws Exception {
    try (Emulator emulator = Emulator.start(FleetState.load(fleet("which-grants-count")), EmulatorOptions.defaults())) {
      Path out = tmp.resolve("o");
      assertThat(audit(emulator, out, "--project", "team-g")).isEqualTo(1);
      assertThat(Reports.findingKeys(out))
          .containsExactly("projects/team-g/locations/us-central1/repositories/npm-remote SERVICE_AGENT_BROAD_ACCESS");
    }
  }

  @Test
  void demoAuditNeverReadsAPayloadAndCostsProjectLocationsNotRepositories() throws Exception {
    try (Emulator emulator = Emulator.start(FleetState.load(demo()), EmulatorOptions.defaults())) {
      Path out = tmp.resolve("o");
      assertThat(audit(emulator, out, "--org", "510000000001")).isEqualTo(1);
      int repositories = Reports.audited(out).size();
      assertThat(repositories).isGreaterThanOrEqualTo(40);
      assertThat(emulator.calls().count(SECRET_MANAGER + "AccessSecretVersion")).isZero();
      assertThat(emulator.calls().count(ARTIFACT_REGISTRY + "GetRepository")).isZero();
      long projectLocations = Reports.csv(out.resolve("repositories.csv")).stream()
          .map(r -> r.get("project") + "/" + r.get("location")).distinct().count();
      assertThat(emulator.calls().count(ARTIFACT_REGISTRY + "ListRepositories")).isEqualTo(projectLocations);
      // Naive: three calls per repository. Bulk plus confirmation of the failing chains costs far fewer.
      assertThat(emulator.calls().total()).isLessThan(3L * repositories);
    }
  }

  private static Map<String, String> statusByRepository(Path out) throws Exception {
    return Reports.csv(out.resolve("repositories.csv")).stream()
        .collect(java.util.stream.Collectors.toMap(r -> r.get("repository"), r -> r.get("status")));
  }
}
