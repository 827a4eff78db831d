package dev.arcred.remediation;

import dev.arcred.e2e.InProcess;

import static dev.arcred.remediation.FleetText.ACCESSOR;
import static dev.arcred.remediation.FleetText.agent;
import static dev.arcred.remediation.FleetText.binding;
import static dev.arcred.remediation.FleetText.conditional;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.iam.v1.Binding;
import dev.arcred.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan, apply, rollback: the fleet as it was; and what someone changed since apply is listed, untouched. */
class RollbackTest {
  @TempDir Path tmp;

  static String fleet() {
    return FixKindsTest.base()
        .secret("central", "tok", "DISABLED", "ENABLED")
        .secretPolicy("central", "tok", binding(ACCESSOR, agent("201")),
            conditional(ACCESSOR, "until 2027", "request.time < timestamp('2027-01-01T00:00:00Z')",
                "user:temp@example.org"))
        .secret("central", "fresh", "ENABLED") // no policy at all: the grant creates the binding
        .repository("team-a", "us-central1", "repoint", "ci", "projects/central/secrets/tok/versions/1")
        .repository("team-b", "us-central1", "grant", "ci", "projects/central/secrets/tok/versions/2")
        .repository("team-c", "us-central1", "anon", null, null)
        .repository("team-c", "europe-west1", "user-only", "someone", null)
        .text();
  }

  private Path csv() throws Exception {
    return Files.writeString(tmp.resolve("creds.csv"), """
        repository,username,secret_version
        projects/team-c/locations/*/repositories/*,ci,projects/central/secrets/fresh/versions/1
        """);
  }

  @Test
  void planApplyRollbackLeavesTheFleetAsItWas() throws Exception {
    try (Emulator emulator = Harness.serve(fleet())) {
      Set<String> original = Harness.snapshot(emulator.state());
      Path planFile = Harness.plan(emulator, tmp.resolve("plan"), "--credentials", csv().toString());
      assertThat(Plan.read(planFile).counts()).containsEntry(ChangeKind.GRANT_ACCESSOR, 2L)
          .containsEntry(ChangeKind.REPOINT_VERSION, 1L).containsEntry(ChangeKind.SET_CREDENTIALS, 2L);
      assertThat(Harness.apply(emulator, planFile).exit()).isZero();
      assertThat(Harness.findings(emulator, tmp.resolve("after"))).isEmpty();
      assertThat(Harness.snapshot(emulator.state())).isNotEqualTo(original);

      Path journal = tmp.resolve("plan/journal.jsonl");
      InProcess.Run rollback = Harness.arcred("rollback", "--journal", journal.toString(), "--endpoint",
          emulator.endpoint(), "--yes");
      assertThat(rollback.exit()).as(rollback.out() + rollback.err()).isZero();
      assertThat(rollback.out()).contains("Restored 5, already as before 0, changed since (left untouched) 0, failed 0");
      assertThat(Harness.snapshot(emulator.state())).isEqualTo(original);
      // the repositories that had no credentials block have none again (not an empty one)
      assertThat(emulator.state().repository("projects/team-c/locations/us-central1/repositories/anon").orElseThrow()
          .getRemoteRepositoryConfig().hasUpstreamCredentials()).isFalse();

      long writes = Harness.writes(emulator);
      InProcess.Run again = Harness.arcred("rollback", "--journal", journal.toString(), "--endpoint",
          emulator.endpoint(), "--yes");
      assertThat(again.exit()).isZero();
      assertThat(again.out()).contains("[recorded by an earlier rollback]");
      assertThat(Harness.writes(emulator)).isEqualTo(writes);
      InProcess.Run reapply = Harness.apply(emulator, planFile);
      assertThat(reapply.exit()).isEqualTo(2);
      assertThat(reapply.err()).contains("records a rollback");
    }
  }

  @Test
  void whatSomeoneChangedSinceIsListedAndLeftUntouched() throws Exception {
    try (Emulator emulator = Harness.serve(fleet())) {
      Set<String> original = Harness.snapshot(emulator.state());
      Path planFile = Harness.plan(emulator, tmp.resolve("plan"), "--credentials", csv().toString());
      assertThat(Harness.apply(emulator, planFile).exit()).isZero();
      String repointed = "projects/team-a/locations/us-central1/repositories/repoint";
      emulator.state().updateRepository(repointed, r -> {
        var b = r.toBuilder();
        b.getRemoteRepositoryConfigBuilder().getUpstreamCredentialsBuilder().getUsernamePasswordCredentialsBuilder()
            .setPasswordSecretVersion("projects/central/secrets/tok/versions/3");
        return b.build();
      });
      // and an unrelated binding on a secret arcred granted on: rollback removes only arcred's member
      emulator.state().replaceIamPolicy("//secretmanager.googleapis.com/projects/100/secrets/fresh", p -> p.toBuilder()
          .addBindings(Binding.newBuilder().setRole("roles/secretmanager.viewer").addMembers("user:new@example.org"))
          .build());

      InProcess.Run rollback = Harness.arcred("rollback", "--journal", tmp.resolve("plan/journal.jsonl").toString(),
          "--endpoint", emulator.endpoint(), "--yes");
      assertThat(rollback.exit()).isEqualTo(4);
      assertThat(rollback.out()).containsPattern("CHANGED_SINCE\\s+REPOINT_VERSION " + repointed + ": changed since"
              + " arcred's change: now secret version \"projects/central/secrets/tok/versions/3\", arcred left secret"
              + " version \"projects/central/secrets/tok/versions/2\"; left untouched")
          .contains("Restored 4, already as before 0, changed since (left untouched) 1, failed 0");
      assertThat(emulator.state().repository(repointed).orElseThrow().getRemoteRepositoryConfig()
          .getUpstreamCredentials().getUsernamePasswordCredentials().getPasswordSecretVersion())
          .isEqualTo("projects/central/secrets/tok/versions/3");
      assertThat(emulator.state().iamPolicy("//secretmanager.googleapis.com/projects/100/secrets/fresh").orElseThrow()
          .getBindingsList()).extracting(b -> b.getRole() + " " + b.getMembersList())
          .containsExactly("roles/secretmanager.viewer [user:new@example.org]");
      Set<String> now = Harness.snapshot(emulator.state());
      assertThat(now).isNotEqualTo(original);
    }
  }
}
