package dev.arcred.remediation;

import dev.arcred.e2e.InProcess;

import static dev.arcred.remediation.FleetText.ACCESSOR;
import static dev.arcred.remediation.FleetText.agent;
import static dev.arcred.remediation.FleetText.binding;
import static dev.arcred.remediation.FleetText.conditional;
import static dev.arcred.remediation.Harness.apply;
import static dev.arcred.remediation.Harness.findings;
import static dev.arcred.remediation.Harness.plan;
import static dev.arcred.remediation.Harness.writes;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.iam.v1.Binding;
import com.google.iam.v1.Policy;
import dev.arcred.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fix kind through the real clients against the emulator: fleet before, plan, apply, audit again (the fixed
 * findings are gone, the manual ones remain); apply the same plan again: nothing changes.
 */
class FixKindsTest {
  static final String TOK = "projects/100/secrets/tok";

  @TempDir Path tmp;

  static FleetText base() {
    return new FleetText().project("central", "100").project("team-a", "201").project("team-b", "202")
        .project("team-c", "203");
  }

  private static String repo(String project, String location, String id) {
    return "projects/" + project + "/locations/" + location + "/repositories/" + id;
  }

  @Test
  void grantOnTheSecretOncePerAgentKeepingEveryOtherBindingAndCondition() throws Exception {
    String fleet = base()
        .secret("central", "tok", "ENABLED")
        .secretPolicy("central", "tok", binding(ACCESSOR, agent("202"), "user:alice@example.org"),
            conditional(ACCESSOR, "until 2027", "request.time < timestamp('2027-01-01T00:00:00Z')",
                "user:temp@example.org"),
            binding("roles/secretmanager.viewer", "group:ops@example.org"))
        .repository("team-a", "us-central1", "npm-1", "ci", "projects/central/secrets/tok/versions/1")
        .repository("team-a", "europe-west1", "npm-2", "ci", "projects/100/secrets/tok/versions/1")
        .repository("team-b", "us-central1", "npm-b", "ci", "projects/central/secrets/tok/versions/1")
        .text();
    try (Emulator emulator = Harness.serve(fleet)) {
      Policy before = emulator.state().iamPolicy("//secretmanager.googleapis.com/" + TOK).orElseThrow();
      assertThat(findings(emulator, tmp.resolve("a0"))).containsExactly(
          repo("team-a", "europe-west1", "npm-2") + " SERVICE_AGENT_NO_ACCESS",
          repo("team-a", "us-central1", "npm-1") + " SERVICE_AGENT_NO_ACCESS");

      Path planFile = plan(emulator, tmp.resolve("plan"));
      Plan plan = Plan.read(planFile);
      assertThat(plan.changes()).hasSize(1);
      Change grant = plan.changes().get(0);
      assertThat(grant.kind()).isEqualTo(ChangeKind.GRANT_ACCESSOR);
      assertThat(grant.target()).isEqualTo(TOK);
      assertThat(grant.member()).isEqualTo(agent("201"));
      assertThat(grant.seen().etag()).isNotBlank();
      assertThat(grant.reasons()).extracting(Reason::repository)
          .containsExactly(repo("team-a", "europe-west1", "npm-2"), repo("team-a", "us-central1", "npm-1"));
      assertThat(Files.readString(tmp.resolve("plan/plan.txt"))).contains("1 change: 1 GRANT_ACCESSOR, 0 REPOINT_VERSION,"
          + " 0 SET_CREDENTIALS").contains("0 findings left for a person.");
      assertThat(writes(emulator)).isZero();

      InProcess.Run run = apply(emulator, planFile);
      assertThat(run.exit()).as(run.out() + run.err()).isZero();
      assertThat(run.out()).contains("APPLIED      VERIFIED  #1 GRANT_ACCESSOR");
      assertThat(findings(emulator, tmp.resolve("a1"))).isEmpty();

      Policy after = emulator.state().iamPolicy("//secretmanager.googleapis.com/" + TOK).orElseThrow();
      assertThat(after.getBindingsList()).hasSize(3);
      assertThat(after.getBindings(0).getMembersList())
          .containsExactly(agent("202"), "user:alice@example.org", agent("201"));
      assertThat(after.getBindings(1)).isEqualTo(before.getBindings(1));
      assertThat(after.getBindings(2)).isEqualTo(before.getBindings(2));
      assertThat(after.getVersion()).isEqualTo(3);

      long writes = writes(emulator);
      InProcess.Run again = apply(emulator, planFile, "--journal", tmp.resolve("j2.jsonl").toString());
      assertThat(again.exit()).isZero();
      assertThat(again.out()).contains("ALREADY_DONE VERIFIED  #1").contains("Applied 0, already done 1");
      InProcess.Run sameJournal = apply(emulator, planFile);
      assertThat(sameJournal.exit()).isZero();
      assertThat(sameJournal.out()).contains("[recorded by an earlier run]");
      assertThat(writes(emulator)).isEqualTo(writes);
    }
  }

  @Test
  void repointToTheNewestEnabledVersionInPlace() throws Exception {
    String fleet = base()
        .secret("central", "tok", "DESTROYED", "DISABLED", "ENABLED", "ENABLED")
        .secretPolicy("central", "tok", binding(ACCESSOR, agent("201"), agent("202")))
        .secret("central", "dead", "DISABLED")
        .secretPolicy("central", "dead", binding(ACCESSOR, agent("201")))
        .secret("central", "pub", "ENABLED")
        .secretPolicy("central", "pub", binding(ACCESSOR, agent("202"), "allUsers"))
        .repository("team-a", "us-central1", "disabled", "ci", "projects/central/secrets/tok/versions/2")
        .repository("team-a", "us-central1", "destroyed", "ci", "projects/100/secrets/tok/versions/1")
        .repository("team-a", "us-central1", "superseded", "ci", "projects/central/secrets/tok/versions/3")
        .repository("team-a", "us-central1", "missing", "ci", "projects/central/secrets/tok/versions/9")
        .repository("team-a", "us-central1", "nothing-enabled", "ci", "projects/central/secrets/dead/versions/1")
        .repository("team-b", "us-central1", "public", "ci", "projects/central/secrets/pub/versions/1")
        .text();
    try (Emulator emulator = Harness.serve(fleet)) {
      var untouched = emulator.state().repository(repo("team-a", "us-central1", "disabled")).orElseThrow();
      Path planFile = plan(emulator, tmp.resolve("plan"));
      Plan plan = Plan.read(planFile);
      assertThat(plan.changes()).extracting(Change::kind).containsOnly(ChangeKind.REPOINT_VERSION);
      assertThat(plan.changes()).extracting(c -> c.target().substring(c.target().lastIndexOf('/') + 1) + " -> "
          + c.passwordSecretVersion()).containsExactly(
              "destroyed -> projects/100/secrets/tok/versions/4",
              "disabled -> projects/central/secrets/tok/versions/4",
              "missing -> projects/central/secrets/tok/versions/4",
              "superseded -> projects/central/secrets/tok/versions/4");
      assertThat(plan.manual()).extracting(m -> m.rule()).containsExactly("SECRET_VERSION_DISABLED", "SECRET_PUBLIC");

      InProcess.Run run = apply(emulator, planFile);
      assertThat(run.exit()).as(run.out() + run.err()).isZero();
      assertThat(findings(emulator, tmp.resolve("a1"))).containsExactly(
          repo("team-a", "us-central1", "nothing-enabled") + " SECRET_VERSION_DISABLED",
          repo("team-b", "us-central1", "public") + " SECRET_PUBLIC");
      var repointed = emulator.state().repository(repo("team-a", "us-central1", "disabled")).orElseThrow();
      // In place: only the reference (and the update time) changed; same create time, labels, upstream.
      assertThat(repointed.toBuilder().clearUpdateTime().setRemoteRepositoryConfig(
              untouched.getRemoteRepositoryConfig()).build())
          .isEqualTo(untouched.toBuilder().clearUpdateTime().build());
      assertThat(repointed.getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials())
          .satisfies(c -> {
            assertThat(c.getUsername()).isEqualTo("ci");
            assertThat(c.getPasswordSecretVersion()).isEqualTo("projects/central/secrets/tok/versions/4");
          });

      long updates = emulator.calls().count(Harness.AR + "UpdateRepository");
      assertThat(updates).isEqualTo(4);
      InProcess.Run again = apply(emulator, planFile, "--journal", tmp.resolve("j2.jsonl").toString());
      assertThat(again.exit()).isZero();
      assertThat(again.out()).contains("Applied 0, already done 4");
      assertThat(emulator.calls().count(Harness.AR + "UpdateRepository")).isEqualTo(updates);
      assertThat(emulator.calls().count(Harness.AR + "CreateRepository")
          + emulator.calls().count(Harness.AR + "DeleteRepository")).isZero();
    }
  }

  @Test
  void credentialsFromTheMappingAndTheGrantTheyNeed() throws Exception {
    String fleet = base()
        .secret("central", "tok", "ENABLED")
        .secretPolicy("central", "tok", binding(ACCESSOR, agent("201")))
        .repository("team-a", "us-central1", "npm-anon", null, null)
        .repository("team-a", "europe-west1", "npm-user-only", "someone", null)
        .repository("team-b", "us-central1", "npm-x", null, null)
        .repository("team-c", "us-central1", "npm-none", null, null)
        .text();
    Path csv = Files.writeString(tmp.resolve("creds.csv"), """
        repository,username,secret_version
        projects/team-a/locations/*/repositories/npm-*,ci,projects/central/secrets/tok/versions/1
        projects/202/locations/us-central1/repositories/npm-x,bot,projects/100/secrets/tok/versions/1
        """);
    try (Emulator emulator = Harness.serve(fleet)) {
      Path planFile = plan(emulator, tmp.resolve("plan"), "--credentials", csv.toString());
      Plan plan = Plan.read(planFile);
      assertThat(plan.changes()).extracting(c -> c.kind() + " " + c.target() + (c.member() == null ? "" : " "
          + c.member())).containsExactly(
              "GRANT_ACCESSOR " + TOK + " " + agent("202"),
              "SET_CREDENTIALS " + repo("team-a", "europe-west1", "npm-user-only"),
              "SET_CREDENTIALS " + repo("team-a", "us-central1", "npm-anon"),
              "SET_CREDENTIALS " + repo("team-b", "us-central1", "npm-x"));
      assertThat(plan.changes().get(0).reasons().get(0).detail()).startsWith("after the migration to");
      assertThat(plan.changes().get(1).mappingLine()).isEqualTo(2);
      assertThat(plan.changes().get(1).seen().username()).isEqualTo("someone");
      assertThat(plan.manual()).extracting(m -> m.repository() + " " + m.rule())
          .containsExactly(repo("team-c", "us-central1", "npm-none") + " CREDENTIALS_MISSING");

      InProcess.Run run = apply(emulator, planFile);
      assertThat(run.exit()).as(run.out() + run.err()).isZero();
      assertThat(findings(emulator, tmp.resolve("a1")))
          .containsExactly(repo("team-c", "us-central1", "npm-none") + " CREDENTIALS_MISSING");
      var x = emulator.state().repository(repo("team-b", "us-central1", "npm-x")).orElseThrow()
          .getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials();
      assertThat(List.of(x.getUsername(), x.getPasswordSecretVersion()))
          .containsExactly("bot", "projects/100/secrets/tok/versions/1");

      long writes = writes(emulator);
      InProcess.Run again = apply(emulator, planFile, "--journal", tmp.resolve("j2.jsonl").toString());
      assertThat(again.out()).contains("Applied 0, already done 4");
      assertThat(writes(emulator)).isEqualTo(writes);
    }
  }

  @Test
  void aRepositoryChangedSincePlanningIsStaleNeverForced() throws Exception {
    String fleet = base()
        .secret("central", "tok", "DISABLED", "ENABLED", "ENABLED")
        .secretPolicy("central", "tok", binding(ACCESSOR, agent("201"), agent("202")))
        .repository("team-a", "us-central1", "moved", "ci", "projects/central/secrets/tok/versions/1")
        .repository("team-b", "us-central1", "kept", "ci", "projects/central/secrets/tok/versions/1")
        .text();
    try (Emulator emulator = Harness.serve(fleet)) {
      Path planFile = plan(emulator, tmp.resolve("plan"));
      // Someone points the repository elsewhere after the plan was made.
      emulator.state().updateRepository(repo("team-a", "us-central1", "moved"), r -> {
        var b = r.toBuilder();
        b.getRemoteRepositoryConfigBuilder().getUpstreamCredentialsBuilder().getUsernamePasswordCredentialsBuilder()
            .setPasswordSecretVersion("projects/central/secrets/tok/versions/2");
        return b.build();
      });
      InProcess.Run run = apply(emulator, planFile);
      assertThat(run.exit()).isEqualTo(4);
      assertThat(run.out()).containsPattern("STALE\\s+#1 REPOINT_VERSION .*moved")
          .contains("the repository changed since planning: secret version \"projects/central/secrets/tok/versions/2\","
              + " the plan saw secret version \"projects/central/secrets/tok/versions/1\"; not changed")
          .containsPattern("APPLIED\\s+VERIFIED\\s+#2 REPOINT_VERSION .*kept");
      assertThat(emulator.state().repository(repo("team-a", "us-central1", "moved")).orElseThrow()
          .getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials()
          .getPasswordSecretVersion()).isEqualTo("projects/central/secrets/tok/versions/2");
    }
  }

  @Test
  void aPolicyChangedSincePlanningIsReReadAndTheGrantStillApplied() throws Exception {
    String fleet = base()
        .secret("central", "tok", "ENABLED")
        .secretPolicy("central", "tok", binding(ACCESSOR, agent("202")))
        .repository("team-a", "us-central1", "npm-1", "ci", "projects/central/secrets/tok/versions/1")
        .text();
    try (Emulator emulator = Harness.serve(fleet)) {
      Path planFile = plan(emulator, tmp.resolve("plan"));
      emulator.state().replaceIamPolicy("//secretmanager.googleapis.com/" + TOK, p -> p.toBuilder()
          .addBindings(Binding.newBuilder().setRole("roles/secretmanager.viewer").addMembers("user:new@example.org"))
          .build());
      InProcess.Run run = apply(emulator, planFile);
      assertThat(run.exit()).as(run.out()).isZero();
      assertThat(run.out()).contains("the policy had changed since planning: re-read, still needed, granted");
      Policy after = emulator.state().iamPolicy("//secretmanager.googleapis.com/" + TOK).orElseThrow();
      assertThat(after.getBindingsList()).extracting(b -> b.getRole() + " " + b.getMembersList()).containsExactly(
          ACCESSOR + " [" + agent("202") + ", " + agent("201") + "]",
          "roles/secretmanager.viewer [user:new@example.org]");
    }
  }
}
