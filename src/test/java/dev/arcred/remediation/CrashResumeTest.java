package dev.arcred.remediation;

import dev.arcred.e2e.InProcess;

import static dev.arcred.remediation.FleetText.ACCESSOR;
import static dev.arcred.remediation.FleetText.agent;
import static dev.arcred.remediation.FleetText.binding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.iam.v1.Binding;
import dev.arcred.emulator.Emulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apply in a child JVM, killed (SIGKILL) in the middle, then apply again with the same journal: the fleet ends
 * exactly as an uninterrupted run leaves it, nothing lost, nothing doubled.
 */
class CrashResumeTest {
  static final int PROJECTS = 12;

  @TempDir Path tmp;

  static String fleet() {
    FleetText fleet = new FleetText().project("central", "100");
    for (int p = 0; p < PROJECTS; p++) {
      fleet.project(String.format("team-%02d", p), Integer.toString(300 + p));
    }
    fleet.secret("central", "tok", "DISABLED", "ENABLED")
        .secretPolicy("central", "tok", binding(ACCESSOR, "user:owner@example.org"));
    for (int p = 0; p < PROJECTS; p++) {
      // each repository needs a grant for its agent and a repoint from the disabled version
      fleet.repository(String.format("team-%02d", p), "us-central1", "npm", "ci",
          "projects/central/secrets/tok/versions/1");
    }
    return fleet.text();
  }

  static long lines(Path file, String record) {
    try {
      return !Files.exists(file) ? 0
          : Files.readAllLines(file).stream().filter(l -> l.contains("\"record\":\"" + record + "\"")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void killedMidApplyThenResumedEndsAsAnUninterruptedRun() throws Exception {
    String text = fleet();
    try (Emulator crashed = Harness.serve(text); Emulator uninterrupted = Harness.serve(text)) {
      Path planFile = Harness.plan(crashed, tmp.resolve("plan"));
      Plan plan = Plan.read(planFile);
      assertThat(plan.counts()).containsEntry(ChangeKind.GRANT_ACCESSOR, (long) PROJECTS)
          .containsEntry(ChangeKind.REPOINT_VERSION, (long) PROJECTS);
      Path journal = tmp.resolve("plan/journal.jsonl");

      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "dev.arcred.cli.Main", "apply", "--plan", planFile.toString(), "--endpoint", crashed.endpoint(), "--yes",
          "--parallelism", "2", "--throttle", "250ms")
          .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
      child.environment().put("NO_GCE_CHECK", "true");
      Process process = child.start();
      try {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(20))
            .until(() -> !process.isAlive()
                || lines(journal, "outcome") >= 4 && lines(journal, "intent") > lines(journal, "outcome"));
        assertThat(process.isAlive()).as("still applying when killed: " + Files.readString(tmp.resolve("child.log")))
            .isTrue();
        process.destroyForcibly();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      } finally {
        process.destroyForcibly();
      }
      long intents = lines(journal, "intent");
      long outcomes = lines(journal, "outcome");
      assertThat(outcomes).as("killed in the middle").isLessThan(2L * PROJECTS);
      assertThat(intents).as("intents are written before outcomes").isGreaterThanOrEqualTo(outcomes);
      long writesBefore = Harness.writes(crashed);

      InProcess.Run resumed = Harness.apply(crashed, planFile);
      assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
      assertThat(resumed.out()).contains("[recorded by an earlier run]");
      // Every change is done once: recorded before the kill, or done now (no ALREADY_DONE: they were all ours).
      assertThat(resumed.out()).contains("Applied " + 2 * PROJECTS + ", already done 0, stale 0, failed 0");
      long redone = Harness.writes(crashed) - writesBefore;
      assertThat(redone).as("writes after the resume").isLessThanOrEqualTo(2L * PROJECTS - outcomes);

      InProcess.Run clean = Harness.apply(uninterrupted, planFile, "--journal", tmp.resolve("clean.jsonl").toString());
      assertThat(clean.exit()).isZero();
      assertThat(Harness.snapshot(crashed.state())).isEqualTo(Harness.snapshot(uninterrupted.state()));
      for (Binding b : crashed.state().iamPolicy("//secretmanager.googleapis.com/projects/100/secrets/tok")
          .orElseThrow().getBindingsList()) {
        assertThat(new HashSet<>(b.getMembersList())).as("no member doubled").hasSize(b.getMembersCount());
      }
      List<String> agents = new ArrayList<>();
      for (int p = 0; p < PROJECTS; p++) {
        agents.add(agent(Integer.toString(300 + p)));
      }
      assertThat(crashed.state().iamPolicy("//secretmanager.googleapis.com/projects/100/secrets/tok").orElseThrow()
          .getBindings(0).getMembersList()).containsAll(agents);
      System.out.printf("crash and resume: killed after %d intents and %d outcomes; the resumed run wrote %d times%n",
          intents, outcomes, redone);
    }
  }
}
