package dev.arcred.remediation;

import dev.arcred.e2e.InProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arcred.cli.EmulatorCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The "Done when", as a user runs it: app/arcred emulator serving the demo fleet (saving its state), plan
 * with the demo credentials mapping through --endpoint, apply --yes, audit again, apply again, rollback.
 */
class DemoDoneWhenTest {
  static final Path DEMO = Path.of("app/demo-fleet.ndjson");
  static final Path CREDENTIALS = Path.of("app/demo-credentials.csv");

  /** What the demo leaves for a person after apply: rule and count. */
  static final Map<String, Integer> LEFT = new TreeMap<>(Map.of(
      "SECRET_REFERENCE_INVALID", 3, "SECRET_NOT_FOUND", 1, "SECRET_EXPIRING", 1, "SECRET_VERSION_FLOATING", 3,
      "SECRET_PUBLIC", 1, "SERVICE_AGENT_CONDITIONAL_ACCESS", 1, "SERVICE_AGENT_BROAD_ACCESS", 4));

  @TempDir Path tmp;

  @Test
  void planApplyAuditApplyAgainRollback() throws Exception {
    Path saved = tmp.resolve("served.ndjson");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter errWriter = new PrintWriter(err, true);
    EmulatorCommand emulator = new EmulatorCommand();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = new Thread(() -> exit.set(new CommandLine(emulator).setOut(new PrintWriter(out, true))
        .setErr(errWriter).execute("--fleet", DEMO.toString(), "--port", "0", "--save-state", saved.toString())));
    serving.start();
    Pattern listening = Pattern.compile("serving \\S+ on (127\\.0\\.0\\.1:\\d+)");
    await().atMost(Duration.ofSeconds(60)).until(() -> listening.matcher(out.toString()).find());
    Matcher m = listening.matcher(out.toString());
    assertThat(m.find()).isTrue();
    String endpoint = m.group(1);
    try {
      Path dir = tmp.resolve("plan");
      InProcess.Run plan = Harness.arcred("plan", "--endpoint", endpoint, "--org", "510000000001", "--credentials",
          CREDENTIALS.toString(), "--now", Harness.NOW, "--out", dir.toString());
      assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
      Plan made = Plan.read(dir.resolve("plan.json"));
      assertThat(made.counts()).containsEntry(ChangeKind.GRANT_ACCESSOR, 7L)
          .containsEntry(ChangeKind.REPOINT_VERSION, 8L).containsEntry(ChangeKind.SET_CREDENTIALS, 6L);
      assertThat(made.manual()).hasSize(14);
      assertThat(emulator.saveState(errWriter)).isTrue();
      assertThat(Harness.snapshot(saved)).as("plan writes nothing").isEqualTo(Harness.snapshot(DEMO));

      InProcess.Run apply = Harness.arcred("apply", "--plan", dir.resolve("plan.json").toString(), "--endpoint", endpoint,
          "--yes");
      assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
      assertThat(apply.out()).contains("Applied 21, already done 0, stale 0, failed 0 of 21 changes; verified 21,"
          + " pending 0.");

      // A new audit shows only the findings left for a person.
      List<String> after = Harness.findings(endpoint, "510000000001", tmp.resolve("after"));
      assertThat(after).containsExactlyInAnyOrderElementsOf(
          made.manual().stream().map(a -> a.repository() + " " + a.rule()).toList());
      Map<String, Integer> rules = new TreeMap<>();
      after.forEach(f -> rules.merge(f.substring(f.indexOf(' ') + 1), 1, Integer::sum));
      assertThat(rules).isEqualTo(LEFT);

      // A second apply changes nothing.
      assertThat(emulator.saveState(errWriter)).isTrue();
      String applied = Files.readString(saved);
      InProcess.Run again = Harness.arcred("apply", "--plan", dir.resolve("plan.json").toString(), "--endpoint",
          endpoint, "--yes", "--journal", tmp.resolve("again.jsonl").toString());
      assertThat(again.exit()).isZero();
      assertThat(again.out()).contains("Applied 0, already done 21, stale 0, failed 0 of 21 changes");
      assertThat(emulator.saveState(errWriter)).isTrue();
      assertThat(Files.readString(saved)).isEqualTo(applied);

      // Rollback brings the served state back to the original.
      InProcess.Run rollback = Harness.arcred("rollback", "--journal", dir.resolve("journal.jsonl").toString(),
          "--endpoint", endpoint, "--yes");
      assertThat(rollback.exit()).as(rollback.out() + rollback.err()).isZero();
      assertThat(rollback.out()).contains("Restored 21");
      assertThat(emulator.saveState(errWriter)).isTrue();
      assertThat(Harness.snapshot(saved)).isEqualTo(Harness.snapshot(DEMO));
    } finally {
      emulator.stop();
      serving.join(60_000);
    }
    assertThat(exit.get()).isZero();
    // Writes the emulator served: the first apply and the rollback, none for the second apply.
    assertThat(err.toString()).containsPattern("\\s14\\s+google\\.cloud\\.secretmanager\\.v1\\.SecretManagerService/SetIamPolicy")
        .containsPattern("\\s28\\s+google\\.devtools\\.artifactregistry\\.v1\\.ArtifactRegistry/UpdateRepository");
    assertThat(Harness.snapshot(saved)).as("saved on exit too").isEqualTo(Harness.snapshot(DEMO));
  }
}
