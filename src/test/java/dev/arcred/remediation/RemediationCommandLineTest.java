package dev.arcred.remediation;

import dev.arcred.e2e.InProcess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage and input errors of plan, apply and rollback: exit 2, a clear message, nothing changed or written. */
class RemediationCommandLineTest {
  @TempDir Path tmp;

  private Path planFile(String name, int changes) throws Exception {
    List<Change> list = new java.util.ArrayList<>();
    for (int i = 1; i <= changes; i++) {
      list.add(new Change(i, ChangeKind.GRANT_ACCESSOR, "projects/100/secrets/tok" + i,
          FleetText.agent("201"), FleetText.ACCESSOR, null, null, null, Seen.policy("AAAA"),
          List.of(new Reason("projects/a/locations/l/repositories/r", "SERVICE_AGENT_NO_ACCESS", ""))));
    }
    Plan plan = new Plan(Plan.SCHEMA_VERSION, "organizations/900000000001", "organizations/900000000001",
        List.of("NPM"), Harness.NOW, 30, "test", null, 1, list, List.of());
    Path dir = Files.createDirectories(tmp.resolve(name));
    return Files.write(dir.resolve("plan.json"), plan.toJson());
  }

  @Test
  void applyWithoutATerminalNeedsYes() throws Exception {
    Path plan = planFile("p", 1);
    InProcess.Run r = Harness.arcred("apply", "--plan", plan.toString(), "--endpoint", "127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("pass --yes").contains("nothing changed");
    assertThat(plan.resolveSibling("journal.jsonl")).doesNotExist();
  }

  @Test
  void maxChangesRefusesALargerPlan() throws Exception {
    Path plan = planFile("p", 3);
    InProcess.Run r = Harness.arcred("apply", "--plan", plan.toString(), "--endpoint", "127.0.0.1:1", "--yes",
        "--max-changes", "2");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("it has 3 changes, more than --max-changes 2; nothing changed");
  }

  @Test
  void aJournalBelongsToOnePlan() throws Exception {
    Path one = planFile("one", 1);
    Path two = planFile("two", 2);
    try (Journal j = Journal.open(one.resolveSibling("journal.jsonl"), false, java.time.Clock.systemUTC())) {
      j.header(Journal.APPLY, Plan.digest(one));
    }
    InProcess.Run r = Harness.arcred("apply", "--plan", two.toString(), "--endpoint", "127.0.0.1:1", "--yes",
        "--journal", one.resolveSibling("journal.jsonl").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("is the journal of another plan");
  }

  @Test
  void badInputsExit2() throws Exception {
    Path notAPlan = Files.writeString(tmp.resolve("plan.json"), "{\"colour\": \"blue\"}");
    InProcess.Run r = Harness.arcred("apply", "--plan", notAPlan.toString(), "--endpoint", "127.0.0.1:1", "--yes");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(notAPlan + ": not an arcred plan");

    r = Harness.arcred("apply", "--plan", tmp.resolve("none.json").toString(), "--yes");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no such plan file");

    r = Harness.arcred("apply", "--plan", planFile("p", 1).toString(), "--yes", "--verify-timeout", "soon");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("not a duration: 'soon'");

    r = Harness.arcred("rollback", "--journal", tmp.resolve("none.jsonl").toString(), "--yes");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no such journal");

    Path garbled = Files.writeString(tmp.resolve("garbled.jsonl"), "{\"record\":\"apply\"}\nnot json\n");
    r = Harness.arcred("rollback", "--journal", garbled.toString(), "--yes");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(garbled + ":2: not an arcred journal line");
  }

  @Test
  void aMalformedMappingNamesFileAndLineAndNothingIsWritten() throws Exception {
    Path csv = Files.writeString(tmp.resolve("creds.csv"), """
        repository,username,secret_version
        projects/p/locations/l/repositories/r,ci,projects/central/secrets/s/versions/1
        projects/p/locations/l/repositories/s,ci,not-a-reference
        """);
    Path out = tmp.resolve("out");
    InProcess.Run r = Harness.arcred("plan", "--endpoint", "127.0.0.1:1", "--org", "900000000001", "--credentials",
        csv.toString(), "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(csv + ":3: secret_version \"not-a-reference\" is not a pinned reference");
    assertThat(out).doesNotExist();
  }

  /** Live mode (no --endpoint) without credentials: exit 2 and how to log in, nothing written, in a clean child JVM. */
  @Test
  void liveWithoutCredentialsSaysHowToLogInAndWritesNothing() throws Exception {
    Path plan = planFile("live", 1);
    for (List<String> args : List.of(List.of("apply", "--plan", plan.toString(), "--yes"),
        List.of("rollback", "--journal", Files.writeString(tmp.resolve("j.jsonl"), "").toString(), "--yes"))) {
      List<String> cmd = new java.util.ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), "dev.arcred.cli.Main"));
      cmd.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().remove("GOOGLE_APPLICATION_CREDENTIALS");
      pb.environment().put("NO_GCE_CHECK", "true");
      pb.environment().put("HOME", tmp.toString());
      pb.environment().put("CLOUDSDK_CONFIG", tmp.resolve("gcloud").toString());
      Process p = pb.start();
      assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(output).isEqualTo(2);
      assertThat(output).contains("gcloud auth application-default login").doesNotContain("\tat ");
    }
    assertThat(plan.resolveSibling("journal.jsonl")).doesNotExist();
  }
}
