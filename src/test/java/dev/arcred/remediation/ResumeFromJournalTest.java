package dev.arcred.remediation;

import dev.arcred.e2e.InProcess;

import static dev.arcred.remediation.FleetText.ACCESSOR;
import static dev.arcred.remediation.FleetText.agent;
import static dev.arcred.remediation.FleetText.binding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.emulator.Emulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal after a crash, written by hand so that each case is certain: an intent whose write landed, an intent
 * whose write did not, a change recorded as done, and a line cut short. Apply decides each by reading the target.
 */
class ResumeFromJournalTest {
  static final String SECRET = "//secretmanager.googleapis.com/projects/100/secrets/tok";

  @TempDir Path tmp;

  @Test
  void intentsWithoutOutcomeAreReadBackAndNeitherLostNorDoubled() throws Exception {
    String text = new FleetText().project("central", "100").project("team-a", "201").project("team-b", "202")
        .secret("central", "tok", "DISABLED", "ENABLED")
        .secretPolicy("central", "tok", binding(ACCESSOR, "user:owner@example.org"))
        .repository("team-a", "us-central1", "npm", "ci", "projects/central/secrets/tok/versions/1")
        .repository("team-b", "us-central1", "npm", "ci", "projects/central/secrets/tok/versions/1")
        .text();
    try (Emulator emulator = Harness.serve(text)) {
      Set<String> original = Harness.snapshot(emulator.state());
      Path planFile = Harness.plan(emulator, tmp.resolve("plan"));
      Plan plan = Plan.read(planFile);
      assertThat(plan.changes()).extracting(Change::kind).containsExactly(ChangeKind.GRANT_ACCESSOR,
          ChangeKind.GRANT_ACCESSOR, ChangeKind.REPOINT_VERSION, ChangeKind.REPOINT_VERSION);
      Change landed = plan.changes().get(0);
      Change notLanded = plan.changes().get(1);
      Change recorded = plan.changes().get(2);
      Path journalFile = tmp.resolve("plan/journal.jsonl");
      try (Journal journal = Journal.open(journalFile, false, Clock.systemUTC())) {
        journal.header(Journal.APPLY, Plan.digest(planFile));
        journal.record(Journal.INTENT, landed, TargetState.grant(false, null), TargetState.grant(true, null), null,
            null);
        emulator.state().replaceIamPolicy(SECRET, p -> Policies.withMember(p, ACCESSOR, landed.member()));
        journal.record(Journal.INTENT, notLanded, TargetState.grant(false, null), TargetState.grant(true, null), null,
            null);
        TargetState before = TargetState.repository("ci", "projects/central/secrets/tok/versions/1", true);
        TargetState after = TargetState.repository("ci", recorded.passwordSecretVersion(), true);
        journal.record(Journal.INTENT, recorded, before, after, null, null);
        emulator.state().updateRepository(recorded.target(), r -> {
          var b = r.toBuilder();
          b.getRemoteRepositoryConfigBuilder().getUpstreamCredentialsBuilder()
              .getUsernamePasswordCredentialsBuilder().setPasswordSecretVersion(recorded.passwordSecretVersion());
          return b.build();
        });
        journal.record(Journal.OUTCOME, recorded, before, after, "APPLIED", "");
      }
      // the process died while writing the next line
      Files.writeString(journalFile, "{\"record\":\"intent\",\"at\":\"2026-", StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);

      InProcess.Run resumed = Harness.apply(emulator, planFile);
      assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
      assertThat(resumed.out())
          .containsPattern("APPLIED\\s+VERIFIED\\s+#1 .* -- applied before an interruption \\(confirmed by reading it"
              + " back\\)")
          .containsPattern("APPLIED\\s+VERIFIED\\s+#2 GRANT_ACCESSOR .* -- the policy had changed since planning: re-read,"
              + " still needed, granted\n")
          .containsPattern("APPLIED\\s+VERIFIED\\s+#3 .*\\[recorded by an earlier run]")
          .containsPattern("APPLIED\\s+VERIFIED\\s+#4 REPOINT_VERSION [^\n]*\\)\n")
          .contains("Applied 4, already done 0");
      assertThat(emulator.calls().count(Harness.SM + "SetIamPolicy")).as("only the grant that had not landed").isEqualTo(1);
      assertThat(emulator.calls().count(Harness.AR + "UpdateRepository")).isEqualTo(1);
      assertThat(emulator.state().iamPolicy(SECRET).orElseThrow().getBindings(0).getMembersList())
          .containsExactly("user:owner@example.org", agent("201"), agent("202"));
      assertThat(Files.readString(journalFile)).doesNotContain("\"at\":\"2026-\n").endsWith("}\n");

      // All four are arcred's: rollback restores all four.
      InProcess.Run rollback = Harness.arcred("rollback", "--journal", journalFile.toString(), "--endpoint",
          emulator.endpoint(), "--yes");
      assertThat(rollback.exit()).as(rollback.out() + rollback.err()).isZero();
      assertThat(rollback.out()).contains("Restored 4, already as before 0, changed since (left untouched) 0");
      assertThat(Harness.snapshot(emulator.state())).isEqualTo(original);
    }
  }
}
