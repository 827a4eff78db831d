package dev.arcred.remediation;

import dev.arcred.checks.GcloudCommands;
import dev.arcred.checks.Judge;
import dev.arcred.model.AuditReport;
import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.Repository;
import dev.arcred.model.RepositoryResult;
import dev.arcred.model.RoleCatalog;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretRef;
import dev.arcred.model.SecretVersionInfo;
import dev.arcred.model.VersionState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides what to change, purely: from an audit's findings and the facts they were judged from, plus an optional
 * credentials mapping and the chains the mapping would make, a {@link Plan} of changes and of findings left for a
 * person. It never calls an API. Every fix is one of three kinds:
 * <ul>
 *   <li>{@code SERVICE_AGENT_NO_ACCESS}: grant Secret Accessor to the repository project's agent on the secret
 *       itself (one grant per secret and agent, whatever the number of repositories that need it);
 *   <li>a broken or superseded version when the secret has a usable one: point the repository at the newest
 *       ENABLED version not scheduled for destruction;
 *   <li>{@code CREDENTIALS_MISSING} and {@code CREDENTIALS_INCOMPLETE} with a mapping row: set the credentials, and
 *       grant the agent access to the mapped secret when it lacks it.
 * </ul>
 * Everything else, and everything about a repository whose audit is incomplete, is left for a person.
 */
public final class Planner {
  /** The version rules a repoint fixes. */
  static final Set<String> VERSION_RULES = Set.of(RuleIds.SECRET_VERSION_DISABLED, RuleIds.SECRET_VERSION_DESTROYED,
      RuleIds.SECRET_VERSION_NOT_FOUND, RuleIds.SECRET_VERSION_DESTROY_SCHEDULED, RuleIds.SECRET_VERSION_SUPERSEDED);

  static final Set<String> CREDENTIAL_RULES = Set.of(RuleIds.CREDENTIALS_MISSING, RuleIds.CREDENTIALS_INCOMPLETE);

  /** Findings of a migrated chain that forbid the migration: the new credentials would not work either. */
  static final Set<String> BLOCKING_AFTER_MIGRATION = Set.of(RuleIds.CREDENTIALS_MISSING,
      RuleIds.CREDENTIALS_INCOMPLETE, RuleIds.SECRET_REFERENCE_INVALID, RuleIds.SECRET_NOT_FOUND,
      RuleIds.SECRET_VERSION_NOT_FOUND, RuleIds.SECRET_VERSION_DISABLED, RuleIds.SECRET_VERSION_DESTROYED,
      RuleIds.SECRET_VERSION_DESTROY_SCHEDULED, RuleIds.CHECK_ERROR);

  /** Why each rule that is never changed automatically is left for a person. */
  static final Map<String, String> NEVER_AUTOMATIC = Map.of(
      RuleIds.SECRET_PUBLIC, "who may read a secret is a person's decision: arcred never removes a binding",
      RuleIds.SERVICE_AGENT_BROAD_ACCESS, "narrowing a project, folder or organization grant can break other "
          + "readers: a person decides",
      RuleIds.SERVICE_AGENT_CONDITIONAL_ACCESS, "the condition was set on purpose: a person decides whether the "
          + "agent may read without it",
      RuleIds.SECRET_EXPIRING, "rotating the token or removing the expiry is a person's decision",
      RuleIds.SECRET_VERSION_FLOATING, "following an alias may be intended: a person decides whether to pin a "
          + "version",
      RuleIds.SECRET_NOT_FOUND, "the secret does not exist: a person creates it or chooses another",
      RuleIds.SECRET_REFERENCE_INVALID, "the secret meant cannot be known from a malformed reference",
      RuleIds.CHECK_ERROR, "a link could not be read: arcred changes nothing it could not see");

  private final Judge judge;
  private final AuditSettings settings;

  public Planner(Judge judge, AuditSettings settings) {
    this.judge = judge;
    this.settings = settings;
  }

  /**
   * What planning starts from.
   *
   * @param report the audit
   * @param facts each audited repository's facts, as judged (by repository name)
   * @param mapping the credentials mapping, if given
   * @param migrated for each repository the mapping migrates ({@link #migrations}), its chain with the new
   *     credentials, read from the owning APIs
   * @param about the plan's header fields: scope, source, formats...
   */
  public record Input(
      AuditReport report,
      Map<String, ChainFacts> facts,
      Optional<CredentialsMapping> mapping,
      Map<String, ChainFacts> migrated,
      About about) {}

  /** The plan's header: where the facts came from and how they were audited. */
  public record About(List<String> formats, int expiryWarningDays, String source, String credentials) {}

  /**
   * The repositories a mapping migrates, with the credentials it gives them: those with CREDENTIALS_MISSING or
   * CREDENTIALS_INCOMPLETE, a complete audit, and exactly one matching row (or rows that agree).
   */
  public static Map<String, Credentials> migrations(AuditReport report, CredentialsMapping mapping) {
    Map<String, Credentials> result = new TreeMap<>();
    for (RepositoryResult r : report.results()) {
      if (hasRule(r, RuleIds.CHECK_ERROR) || r.findings().stream().noneMatch(f -> CREDENTIAL_RULES.contains(f.rule()))) {
        continue;
      }
      if (mapping.match(r.repository()) instanceof CredentialsMapping.Match.One one) {
        result.put(r.repository().name(), new Credentials(one.row().username(), one.row().secretVersion()));
      }
    }
    return result;
  }

  public Plan plan(Input input) {
    Map<String, GrantBuilder> grants = new TreeMap<>();
    List<Change> changes = new ArrayList<>();
    List<ManualAction> manual = new ArrayList<>();

    for (RepositoryResult result : input.report().results()) {
      String name = result.repository().name();
      ChainFacts facts = input.facts().get(name);
      List<Finding> open = new ArrayList<>(result.findings());
      if (open.isEmpty()) {
        continue;
      }
      if (hasRule(result, RuleIds.CHECK_ERROR) || facts == null) {
        String why = facts == null ? "its facts were not kept by the audit" : "the audit of this repository is "
            + "incomplete (CHECK_ERROR): arcred changes nothing it could not see";
        open.forEach(f -> manual.add(manual(f, f.rule().equals(RuleIds.CHECK_ERROR)
            ? NEVER_AUTOMATIC.get(RuleIds.CHECK_ERROR) : why)));
        continue;
      }
      planAccess(facts, open, grants, manual);
      planRepoint(facts, open, changes, manual);
      planMigration(input, facts, open, changes, grants, manual);
      for (Finding f : open) {
        manual.add(manual(f, NEVER_AUTOMATIC.getOrDefault(f.rule(), "not fixed automatically")));
      }
    }
    grants.values().forEach(g -> changes.add(g.build()));
    List<Change> ordered = changes.stream()
        .sorted(Comparator.comparing(Change::kind).thenComparing(Change::target)
            .thenComparing(c -> c.member() == null ? "" : c.member()))
        .toList();
    List<Change> numbered = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      numbered.add(ordered.get(i).withId(i + 1));
    }
    manual.sort(Comparator.comparing(ManualAction::repository).thenComparing(ManualAction::rule)
        .thenComparing(ManualAction::detail));
    AuditReport report = input.report();
    About about = input.about();
    return new Plan(Plan.SCHEMA_VERSION, report.scope(), report.organization(), about.formats(),
        report.now().toString(), about.expiryWarningDays(), about.source(), about.credentials(),
        report.results().size(), numbered, manual);
  }

  /** SERVICE_AGENT_NO_ACCESS: a grant on the secret itself, shared by every repository of the project that needs it. */
  private static void planAccess(ChainFacts facts, List<Finding> open, Map<String, GrantBuilder> grants,
      List<ManualAction> manual) {
    for (Finding f : List.copyOf(open)) {
      if (!f.rule().equals(RuleIds.SERVICE_AGENT_NO_ACCESS)) {
        continue;
      }
      open.remove(f);
      Optional<SecretInfo> secret = facts.secret().value();
      if (secret.isEmpty()) {
        manual.add(manual(f, "the secret's facts were not read"));
        continue;
      }
      grant(grants, secret.get().name(), facts.repository(), new Reason(f.repository(), f.rule(), f.detail()));
    }
  }

  private static void grant(Map<String, GrantBuilder> grants, String secret, Repository repository, Reason reason) {
    String member = repository.serviceAgent().member();
    grants.computeIfAbsent(secret + " " + member, k -> new GrantBuilder(secret, member)).reasons.add(reason);
  }

  /** A broken or superseded version: the newest usable version of the same secret, when there is one. */
  private static void planRepoint(ChainFacts facts, List<Finding> open, List<Change> changes,
      List<ManualAction> manual) {
    List<Finding> version = open.stream().filter(f -> VERSION_RULES.contains(f.rule())).toList();
    if (version.isEmpty()) {
      return;
    }
    open.removeAll(version);
    Optional<SecretRef> ref = facts.reference();
    Optional<SecretInfo> secret = facts.secret().value();
    Credentials credentials = facts.credentials().value().orElse(Credentials.NONE);
    Optional<SecretVersionInfo> usable = secret.flatMap(Planner::newestUsable);
    Optional<String> target = ref.flatMap(r -> usable.map(v -> GcloudCommands.reference(r.project(), r.secret(), v.number())));
    if (target.isEmpty() || target.get().equals(credentials.passwordSecretVersion())) {
      String why = secret.isEmpty() ? "the secret's versions were not read"
          : "the secret has no other ENABLED version (not scheduled for destruction) to point at: a person enables "
              + "one or adds a new one";
      version.forEach(f -> manual.add(manual(f, why)));
      return;
    }
    List<Finding> fixed = new ArrayList<>(version);
    // The new reference is pinned: the floating alias that led to the broken version goes with it.
    open.stream().filter(f -> f.rule().equals(RuleIds.SECRET_VERSION_FLOATING)).forEach(fixed::add);
    open.removeAll(fixed);
    changes.add(new Change(0, ChangeKind.REPOINT_VERSION, facts.repository().name(), null, null, null, target.get(),
        null, Seen.repository(credentials.username(), credentials.passwordSecretVersion()),
        fixed.stream().map(f -> new Reason(f.repository(), f.rule(), f.detail())).toList()));
  }

  /** CREDENTIALS_MISSING and CREDENTIALS_INCOMPLETE: the mapping's credentials, when they would work. */
  private void planMigration(Input input, ChainFacts facts, List<Finding> open, List<Change> changes,
      Map<String, GrantBuilder> grants, List<ManualAction> manual) {
    List<Finding> credentials = open.stream().filter(f -> CREDENTIAL_RULES.contains(f.rule())).toList();
    if (credentials.isEmpty()) {
      return;
    }
    open.removeAll(credentials);
    if (input.mapping().isEmpty()) {
      credentials.forEach(f -> manual.add(manual(f, "no credentials mapping was given (plan --credentials FILE.csv)")));
      return;
    }
    CredentialsMapping mapping = input.mapping().get();
    CredentialsMapping.Match match = mapping.match(facts.repository());
    if (match instanceof CredentialsMapping.Match.None) {
      credentials.forEach(f -> manual.add(manual(f, "no row of " + mapping.source() + " matches this repository")));
      return;
    }
    if (match instanceof CredentialsMapping.Match.Ambiguous a) {
      String lines = a.rows().stream().map(r -> Integer.toString(r.line())).collect(Collectors.joining(", "));
      credentials.forEach(f -> manual.add(manual(f, "lines " + lines + " of " + mapping.source()
          + " match this repository with different credentials")));
      return;
    }
    CredentialsMapping.Row row = ((CredentialsMapping.Match.One) match).row();
    String from = mapping.source() + " line " + row.line();
    ChainFacts migrated = input.migrated().get(facts.repository().name());
    if (migrated == null) {
      credentials.forEach(f -> manual.add(manual(f, "the secret " + from + " names was not read")));
      return;
    }
    List<Finding> after = judge.judge(migrated, settings).findings();
    List<Finding> blocking = after.stream().filter(f -> BLOCKING_AFTER_MIGRATION.contains(f.rule())).toList();
    if (!blocking.isEmpty()) {
      String why = from + " gives " + Text.shown(row.secretVersion()) + ", which would not work either: "
          + blocking.stream().map(b -> b.rule() + ": " + b.detail()).collect(Collectors.joining(" "));
      credentials.forEach(f -> manual.add(manual(f, why)));
      return;
    }
    Credentials current = facts.credentials().value().orElse(Credentials.NONE);
    changes.add(new Change(0, ChangeKind.SET_CREDENTIALS, facts.repository().name(), null, null, row.username(),
        row.secretVersion(), row.line(), Seen.repository(current.username(), current.passwordSecretVersion()),
        credentials.stream().map(f -> new Reason(f.repository(), f.rule(), f.detail())).toList()));
    for (Finding f : after) {
      if (f.rule().equals(RuleIds.SERVICE_AGENT_NO_ACCESS)) {
        grant(grants, migrated.secret().value().orElseThrow().name(), facts.repository(),
            new Reason(f.repository(), f.rule(), "after the migration to " + row.secretVersion() + " (" + from
                + "): " + f.detail()));
      }
    }
  }

  /** Where fixes point a repository: the newest ENABLED version that is not scheduled for destruction. */
  static Optional<SecretVersionInfo> newestUsable(SecretInfo secret) {
    return secret.versions().stream()
        .filter(v -> v.state() == VersionState.ENABLED && v.scheduledDestroyTime() == null)
        .max(Comparator.comparingLong(SecretVersionInfo::number));
  }

  private static boolean hasRule(RepositoryResult result, String rule) {
    return result.findings().stream().anyMatch(f -> f.rule().equals(rule));
  }

  private static ManualAction manual(Finding f, String why) {
    return new ManualAction(f.repository(), f.rule(), f.severity(), f.detail(), f.fix(), why);
  }

  private static final class GrantBuilder {
    final String secret;
    final String member;
    final List<Reason> reasons = new ArrayList<>();

    GrantBuilder(String secret, String member) {
      this.secret = secret;
      this.member = member;
    }

    Change build() {
      List<Reason> sorted = reasons.stream()
          .sorted(Comparator.comparing(Reason::repository).thenComparing(Reason::rule)).toList();
      return new Change(0, ChangeKind.GRANT_ACCESSOR, secret, member, RoleCatalog.SECRET_ACCESSOR, null, null, null,
          Seen.policy(null), sorted);
    }
  }
}
