package dev.arcred.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arcred.model.AttachedPolicy;
import dev.arcred.model.AuditSettings;
import dev.arcred.model.Binding;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.Finding;
import dev.arcred.model.Lookup;
import dev.arcred.model.Repository;
import dev.arcred.model.RoleCatalog;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretVersionInfo;
import dev.arcred.model.ServiceAgent;
import dev.arcred.model.VersionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chains as the field has them, built in code: the healthy baseline of the field cases, and small changes to it. The
 * builder keeps exactly what it is told (it does not skip links as inventory would), so that tests can check that
 * each rule decides for itself whether its link was reached.
 */
final class Field {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  static final AuditSettings SETTINGS = AuditSettings.at(NOW);
  static final String ORG = "organizations/100000000001";
  static final String FOLDER = "folders/200000000001";
  static final String ACCESSOR = RoleCatalog.SECRET_ACCESSOR;
  static final String TEAM_A = "300000000001";
  static final String NPM_TOKEN = "projects/" + TEAM_A + "/secrets/npm-token";

  private Field() {}

  /** The IAM member of the Artifact Registry service agent of the project with this number. */
  static String agent(String projectNumber) {
    return ServiceAgent.ofProjectNumber(projectNumber).member();
  }

  static Binding grant(String role, String... members) {
    return new Binding(role, List.of(members), null);
  }

  static Binding grantIf(String condition, String role, String... members) {
    return new Binding(role, List.of(members), condition);
  }

  static AttachedPolicy on(String resource, Binding... bindings) {
    return AttachedPolicy.of(resource, List.of(bindings));
  }

  /**
   * team-a's npmjs-proxy, as in cases/healthy-baseline: username ci-reader, pinned to version 2 of npm-token (1
   * DISABLED, 2 ENABLED), and the project's agent holds Secret Accessor on the secret itself.
   */
  static Remote healthy() {
    return new Remote("team-a", TEAM_A, "npmjs-proxy")
        .credentials("ci-reader", "projects/team-a/secrets/npm-token/versions/2")
        .secret(npmToken())
        .policies(
            on(NPM_TOKEN, grant(ACCESSOR, agent(TEAM_A))),
            on("projects/" + TEAM_A),
            on(FOLDER),
            on(ORG));
  }

  /** healthy()'s secret: npm-token in team-a, versions 1 DISABLED and 2 ENABLED. */
  static Secret npmToken() {
    return new Secret(TEAM_A, "npm-token").version(1, VersionState.DISABLED).version(2, VersionState.ENABLED);
  }

  /** The one finding the rule reports on these facts (fails when it reports none or several). */
  static Finding only(Rule rule, ChainFacts facts) {
    List<Finding> findings = rule.check(facts, SETTINGS);
    assertThat(findings).as("findings of %s", rule.id()).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.rule()).isEqualTo(rule.id());
    assertThat(finding.severity()).isEqualTo(rule.severity());
    assertThat(finding.repository()).isEqualTo(facts.repository().name());
    return finding;
  }

  static List<Finding> findings(Rule rule, ChainFacts facts) {
    return rule.check(facts, SETTINGS);
  }

  /** An npm remote and its chain, under construction. */
  static final class Remote {
    private String projectId;
    private String projectNumber;
    private String repositoryId;
    private String location = "us-central1";
    private String upstream = "npmjs";
    private Lookup<Credentials> credentials = Lookup.found(Credentials.NONE);
    private Lookup<SecretInfo> secret = Lookup.skipped();
    private Lookup<EffectivePolicy> policy = Lookup.skipped();
    private final Map<String, Set<String>> customRoles = new HashMap<>();

    Remote(String projectId, String projectNumber, String repositoryId) {
      this.projectId = projectId;
      this.projectNumber = projectNumber;
      this.repositoryId = repositoryId;
    }

    /** Moves the repository to another project (its service agent moves with it). */
    Remote project(String id, String number) {
      this.projectId = id;
      this.projectNumber = number;
      return this;
    }

    Remote repositoryId(String id) {
      this.repositoryId = id;
      return this;
    }

    Remote upstream(String upstream) {
      this.upstream = upstream;
      return this;
    }

    Remote credentials(String username, String reference) {
      this.credentials = Lookup.found(new Credentials(username, reference));
      return this;
    }

    /** Keeps the username, changes the reference. */
    Remote reference(String reference) {
      String username = credentials.value().map(Credentials::username).orElse(null);
      return credentials(username, reference);
    }

    Remote credentialsFailed(String call, String reason) {
      this.credentials = Lookup.failed(call, reason);
      return this;
    }

    Remote credentialsMissing() {
      this.credentials = Lookup.missing("repository not found");
      return this;
    }

    Remote secret(Secret secret) {
      this.secret = Lookup.found(secret.info());
      return this;
    }

    Remote secretMissing() {
      this.secret = Lookup.missing("NOT_FOUND: Secret [projects/300000000001/secrets/npm-token] not found");
      return this;
    }

    Remote secretFailed(String call, String reason) {
      this.secret = Lookup.failed(call, reason);
      return this;
    }

    /** The effective policy, nearest first: the secret's, the project's, folders', the organization's. */
    Remote policies(AttachedPolicy... policies) {
      this.policy = Lookup.found(new EffectivePolicy(Arrays.asList(policies)));
      return this;
    }

    Remote policyFailed(String call, String reason) {
      this.policy = Lookup.failed(call, reason);
      return this;
    }

    Remote customRole(String name, String... permissions) {
      customRoles.put(name, Set.of(permissions));
      return this;
    }

    Repository repository() {
      return new Repository(
          Repository.name(projectId, location, repositoryId), projectId, projectNumber, location, repositoryId,
          "NPM", "REMOTE_REPOSITORY", upstream, List.of("projects/" + projectNumber, FOLDER, ORG));
    }

    ChainFacts facts() {
      return new ChainFacts(repository(), credentials, secret, policy, new RoleCatalog(customRoles));
    }
  }

  /** A secret under construction, named by project number as Secret Manager names it. */
  static final class Secret {
    private final String projectNumber;
    private final String id;
    private final Map<Long, SecretVersionInfo> versions = new LinkedHashMap<>();
    private final Map<String, Long> aliases = new HashMap<>();
    private Instant expireTime;

    Secret(String projectNumber, String id) {
      this.projectNumber = projectNumber;
      this.id = id;
    }

    Secret version(long number, VersionState state) {
      return version(number, state, null);
    }

    Secret version(long number, VersionState state, Instant scheduledDestroyTime) {
      versions.put(number, new SecretVersionInfo(number, state, scheduledDestroyTime));
      return this;
    }

    /** As Secret Manager schedules a destruction: the version is DISABLED until then. */
    Secret destroyScheduled(long number, Instant at) {
      return version(number, VersionState.DISABLED, at);
    }

    Secret alias(String alias, long number) {
      aliases.put(alias, number);
      return this;
    }

    Secret expires(Instant at) {
      this.expireTime = at;
      return this;
    }

    SecretInfo info() {
      return new SecretInfo("projects/" + projectNumber + "/secrets/" + id, projectNumber, id, expireTime, aliases,
          new ArrayList<>(versions.values()), List.of("projects/" + projectNumber, FOLDER, ORG));
    }
  }
}
