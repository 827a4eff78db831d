package dev.arcred.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arcred.checks.Judge;
import dev.arcred.model.AttachedPolicy;
import dev.arcred.model.AuditReport;
import dev.arcred.model.AuditSettings;
import dev.arcred.model.Binding;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.Lookup;
import dev.arcred.model.Repository;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RoleCatalog;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretVersionInfo;
import dev.arcred.model.VersionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The planner is pure: facts in, plan out, no server. */
class PlannerTest {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  static final AuditSettings SETTINGS = AuditSettings.at(NOW);
  static final String ORG = "organizations/900000000001";
  static final String ACCESSOR = RoleCatalog.SECRET_ACCESSOR;

  private final Judge judge = new Judge();
  private final List<ChainFacts> chains = new ArrayList<>();
  private final Map<String, ChainFacts> migrated = new HashMap<>();

  static Repository repo(String projectId, String number, String location, String id) {
    return new Repository(Repository.name(projectId, location, id), projectId, number, location, id, "NPM",
        "REMOTE_REPOSITORY", "NPMJS", List.of("projects/" + number, ORG));
  }

  static SecretVersionInfo v(long n, VersionState state) {
    return new SecretVersionInfo(n, state, null);
  }

  static SecretInfo secret(String number, String id, SecretVersionInfo... versions) {
    return new SecretInfo("projects/" + number + "/secrets/" + id, number, id, null, Map.of(), List.of(versions),
        List.of("projects/" + number, ORG));
  }

  static EffectivePolicy policy(SecretInfo secret, Binding... onSecret) {
    return new EffectivePolicy(List.of(AttachedPolicy.of(secret.name(), List.of(onSecret)),
        AttachedPolicy.of("projects/" + secret.projectNumber(), List.of()), AttachedPolicy.of(ORG, List.of())));
  }

  static Binding accessor(String... members) {
    return new Binding(ACCESSOR, List.of(members), null);
  }

  static String agent(String number) {
    return "serviceAccount:service-" + number + "@gcp-sa-artifactregistry.iam.gserviceaccount.com";
  }

  private ChainFacts chain(Repository repo, String username, String reference, SecretInfo secret,
      EffectivePolicy policy) {
    ChainFacts facts = new ChainFacts(repo, Lookup.found(new Credentials(username, reference)),
        secret == null ? Lookup.skipped() : Lookup.found(secret),
        policy == null ? Lookup.skipped() : Lookup.found(policy), RoleCatalog.PREDEFINED_ONLY);
    chains.add(facts);
    return facts;
  }

  private Plan plan(Optional<CredentialsMapping> mapping) {
    List<RepositoryResult> results = chains.stream().map(c -> judge.judge(c, SETTINGS)).toList();
    Map<String, ChainFacts> facts = new HashMap<>();
    chains.forEach(c -> facts.put(c.repository().name(), c));
    AuditReport report = new AuditReport(ORG, ORG, NOW, results);
    return new Planner(judge, SETTINGS).plan(new Planner.Input(report, facts, mapping, migrated,
        new Planner.About(List.of("NPM"), 30, "test", mapping.map(CredentialsMapping::source).orElse(null))));
  }

  private Plan plan() {
    return plan(Optional.empty());
  }

  @Test
  void oneGrantPerSecretAndAgentWhateverTheRepositoriesAndReferenceForms() {
    SecretInfo tok = secret("100", "tok", v(1, VersionState.ENABLED));
    EffectivePolicy none = policy(tok);
    chain(repo("team-a", "201", "us-central1", "one"), "ci", "projects/central/secrets/tok/versions/1", tok, none);
    chain(repo("team-a", "201", "europe-west1", "two"), "ci", "projects/100/secrets/tok/versions/1", tok, none);
    chain(repo("team-a", "201", "asia-east1", "three"), "ci", "projects/central/secrets/tok/versions/1", tok, none);
    chain(repo("team-b", "202", "us-central1", "four"), "ci", "projects/central/secrets/tok/versions/1", tok, none);
    Plan plan = plan();
    assertThat(plan.changes()).extracting(Change::kind, Change::target, Change::member).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ChangeKind.GRANT_ACCESSOR, "projects/100/secrets/tok", agent("201")),
        org.assertj.core.groups.Tuple.tuple(ChangeKind.GRANT_ACCESSOR, "projects/100/secrets/tok", agent("202")));
    assertThat(plan.changes().get(0).reasons()).extracting(Reason::repository).containsExactly(
        "projects/team-a/locations/asia-east1/repositories/three",
        "projects/team-a/locations/europe-west1/repositories/two",
        "projects/team-a/locations/us-central1/repositories/one");
    assertThat(plan.changes().get(0).role()).isEqualTo(ACCESSOR);
    assertThat(plan.manual()).isEmpty();
  }

  @Test
  void deterministicOrderAndNumbering() {
    SecretInfo tok = secret("100", "tok", v(1, VersionState.DISABLED), v(2, VersionState.ENABLED));
    SecretInfo other = secret("100", "abc", v(1, VersionState.ENABLED));
    chain(repo("team-z", "209", "us-central1", "z"), "ci", "projects/100/secrets/tok/versions/1", tok,
        policy(tok, accessor(agent("209"))));
    chain(repo("team-a", "201", "us-central1", "a"), "ci", "projects/100/secrets/abc/versions/1", other, policy(other));
    chain(repo("team-b", "202", "us-central1", "b"), "ci", "projects/100/secrets/tok/versions/1", tok, policy(tok));
    Plan first = plan();
    Collections.reverse(chains);
    Plan second = plan();
    assertThat(new String(second.toJson())).isEqualTo(new String(first.toJson()));
    assertThat(first.changes()).extracting(c -> c.id() + " " + c.kind() + " " + c.target()).containsExactly(
        "1 GRANT_ACCESSOR projects/100/secrets/abc",
        "2 GRANT_ACCESSOR projects/100/secrets/tok",
        "3 REPOINT_VERSION projects/team-b/locations/us-central1/repositories/b",
        "4 REPOINT_VERSION projects/team-z/locations/us-central1/repositories/z");
  }

  @Test
  void neverAGrantOnAProject() {
    SecretInfo tok = secret("100", "tok", v(1, VersionState.ENABLED));
    // the agent reads it through a project-level grant: BROAD_ACCESS, left for a person, no change
    EffectivePolicy broad = new EffectivePolicy(List.of(AttachedPolicy.of(tok.name(), List.of()),
        AttachedPolicy.of("projects/100", List.of(accessor(agent("201")))), AttachedPolicy.of(ORG, List.of())));
    chain(repo("team-a", "201", "us-central1", "broad"), "ci", "projects/100/secrets/tok/versions/1", tok, broad);
    chain(repo("team-b", "202", "us-central1", "none"), "ci", "projects/100/secrets/tok/versions/1", tok, policy(tok));
    Plan plan = plan();
    assertThat(plan.changes()).allSatisfy(c -> assertThat(c.target()).matches("projects/[^/]+/secrets/[^/]+"));
    assertThat(plan.changes()).hasSize(1);
    assertThat(plan.manual()).extracting(ManualAction::rule).containsExactly(RuleIds.SERVICE_AGENT_BROAD_ACCESS);
    assertThatThrownBy(() -> new Change(1, ChangeKind.GRANT_ACCESSOR, "projects/100", agent("201"), ACCESSOR, null,
        null, null, Seen.policy(null), List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Change(1, ChangeKind.GRANT_ACCESSOR, "projects/100/secrets/tok/versions/1",
        agent("201"), ACCESSOR, null, null, null, Seen.policy(null), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noRepointWithoutAnEnabledVersion() {
    SecretInfo dead = secret("100", "dead", v(1, VersionState.ENABLED), v(2, VersionState.DISABLED),
        v(3, VersionState.DESTROYED));
    SecretInfo leaking = new SecretInfo("projects/100/secrets/leak", "100", "leak", null, Map.of(),
        List.of(v(1, VersionState.DISABLED), new SecretVersionInfo(2, VersionState.ENABLED,
            Instant.parse("2026-12-15T00:00:00Z"))), List.of("projects/100", ORG));
    chain(repo("team-a", "201", "us-central1", "pinned-2"), "ci", "projects/100/secrets/dead/versions/2", dead,
        policy(dead, accessor(agent("201"))));
    SecretInfo onlyDisabled = secret("100", "off", v(1, VersionState.DISABLED));
    chain(repo("team-a", "201", "us-central1", "off"), "ci", "projects/100/secrets/off/versions/1", onlyDisabled,
        policy(onlyDisabled, accessor(agent("201"))));
    chain(repo("team-a", "201", "us-central1", "leak"), "ci", "projects/100/secrets/leak/versions/1", leaking,
        policy(leaking, accessor(agent("201"))));
    Plan plan = plan();
    // dead has v1 ENABLED: repointed; off and leak have no usable version (v2 of leak is scheduled for destruction)
    assertThat(plan.changes()).extracting(c -> c.target() + " -> " + c.passwordSecretVersion())
        .containsExactly("projects/team-a/locations/us-central1/repositories/pinned-2 -> "
            + "projects/100/secrets/dead/versions/1");
    assertThat(plan.manual()).extracting(m -> m.repository().substring(m.repository().lastIndexOf('/') + 1) + " "
        + m.rule()).containsExactly("leak SECRET_VERSION_DISABLED", "off SECRET_VERSION_DISABLED");
    assertThat(plan.manual().get(0).why()).contains("no other ENABLED version");
  }

  @Test
  void anIncompleteAuditChangesNothingOnThatRepository() {
    SecretInfo tok = secret("100", "tok", v(1, VersionState.DISABLED), v(2, VersionState.ENABLED));
    ChainFacts failed = new ChainFacts(repo("team-a", "201", "us-central1", "r"),
        Lookup.found(new Credentials("ci", "projects/100/secrets/tok/versions/1")), Lookup.found(tok),
        Lookup.failed("SecretManagerService.GetIamPolicy", "PERMISSION_DENIED: no"), RoleCatalog.PREDEFINED_ONLY);
    chains.add(failed);
    Plan plan = plan();
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.manual()).extracting(ManualAction::rule)
        .containsExactly(RuleIds.CHECK_ERROR, RuleIds.SECRET_VERSION_DISABLED);
    assertThat(plan.manual().get(1).why()).contains("incomplete");
  }

  @Test
  void migrationOnlyWhenTheMappedVersionWorks() throws Exception {
    SecretInfo tok = secret("100", "tok", v(1, VersionState.DISABLED), v(2, VersionState.ENABLED));
    Repository good = repo("team-a", "201", "us-central1", "npm-good");
    Repository bad = repo("team-a", "201", "us-central1", "npm-bad");
    chain(good, null, null, null, null);
    chain(bad, "someone", null, null, null);
    CredentialsMapping mapping = CredentialsMapping.parse("m.csv", """
        repository,username,secret_version
        projects/team-a/locations/us-central1/repositories/npm-good,ci,projects/100/secrets/tok/versions/2
        projects/team-a/locations/us-central1/repositories/npm-bad,ci,projects/100/secrets/tok/versions/1
        """);
    List<RepositoryResult> results = chains.stream().map(c -> judge.judge(c, SETTINGS)).toList();
    assertThat(Planner.migrations(new AuditReport(ORG, ORG, NOW, results), mapping)).containsOnlyKeys(
        good.name(), bad.name());
    migrated.put(good.name(), new ChainFacts(good, Lookup.found(new Credentials("ci",
        "projects/100/secrets/tok/versions/2")), Lookup.found(tok), Lookup.found(policy(tok)),
        RoleCatalog.PREDEFINED_ONLY));
    migrated.put(bad.name(), new ChainFacts(bad, Lookup.found(new Credentials("ci",
        "projects/100/secrets/tok/versions/1")), Lookup.found(tok), Lookup.found(policy(tok)),
        RoleCatalog.PREDEFINED_ONLY));
    Plan plan = plan(Optional.of(mapping));
    assertThat(plan.changes()).extracting(c -> c.kind() + " " + c.target()).containsExactly(
        "GRANT_ACCESSOR projects/100/secrets/tok", "SET_CREDENTIALS " + good.name());
    assertThat(plan.changes().get(1).seen()).isEqualTo(Seen.repository("", ""));
    assertThat(plan.manual()).singleElement().satisfies(m -> {
      assertThat(m.rule()).isEqualTo(RuleIds.CREDENTIALS_INCOMPLETE);
      assertThat(m.why()).startsWith("m.csv line 3 gives").contains("SECRET_VERSION_DISABLED");
    });
  }

  @Test
  void withoutAMappingCredentialFindingsAreLeftForAPerson() {
    chain(repo("team-a", "201", "us-central1", "anon"), null, null, null, null);
    Plan plan = plan();
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.manual()).singleElement().satisfies(m -> assertThat(m.why()).contains("--credentials"));
  }
}
