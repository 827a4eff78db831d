package dev.arcred.emulator.generate;

import dev.arcred.model.RuleIds;
import java.util.List;

/**
 * The faults the generator plants, one per broken repository. Each raises exactly the rules of {@link #findings()}
 * and nothing else, which is what keeps the expected counts exact.
 */
public enum FaultKind {
  CREDENTIALS_MISSING(RuleIds.CREDENTIALS_MISSING),
  CREDENTIALS_INCOMPLETE(RuleIds.CREDENTIALS_INCOMPLETE),
  SECRET_REFERENCE_INVALID(RuleIds.SECRET_REFERENCE_INVALID),
  SECRET_NOT_FOUND(RuleIds.SECRET_NOT_FOUND),
  SECRET_VERSION_NOT_FOUND(RuleIds.SECRET_VERSION_NOT_FOUND),
  SECRET_VERSION_DISABLED(RuleIds.SECRET_VERSION_DISABLED),
  SECRET_VERSION_DESTROYED(RuleIds.SECRET_VERSION_DESTROYED),
  /** Its version is DISABLED with a scheduledDestroyTime: it raises SECRET_VERSION_DISABLED too. */
  SECRET_VERSION_DESTROY_SCHEDULED(RuleIds.SECRET_VERSION_DESTROY_SCHEDULED, RuleIds.SECRET_VERSION_DISABLED),
  SECRET_EXPIRING(RuleIds.SECRET_EXPIRING),
  SECRET_VERSION_FLOATING(RuleIds.SECRET_VERSION_FLOATING),
  SECRET_VERSION_SUPERSEDED(RuleIds.SECRET_VERSION_SUPERSEDED),
  SECRET_PUBLIC(RuleIds.SECRET_PUBLIC),
  SERVICE_AGENT_NO_ACCESS(RuleIds.SERVICE_AGENT_NO_ACCESS),
  SERVICE_AGENT_CONDITIONAL_ACCESS(RuleIds.SERVICE_AGENT_CONDITIONAL_ACCESS),
  SERVICE_AGENT_BROAD_ACCESS(RuleIds.SERVICE_AGENT_BROAD_ACCESS);

  /** The share of npm remotes that get each fault kind. */
  public static final double RATE = 0.02;

  private final List<String> findings;

  FaultKind(String... findings) {
    this.findings = List.of(findings);
  }

  /**
   * Whether the fault shows in the secret, its versions or its access (every kind but the three of the
   * credentials themselves): an audit confirms such a chain with Secret Manager, once per distinct secret, so the
   * generator groups these repositories by about ten that share one secret (see {@link Organization}).
   */
  public boolean shared() {
    return this != CREDENTIALS_MISSING && this != CREDENTIALS_INCOMPLETE && this != SECRET_REFERENCE_INVALID;
  }

  /** The rule IDs a repository with this fault raises, its own first. */
  public List<String> findings() {
    return findings;
  }

  /**
   * How many repositories get each kind: 2% of the npm remotes, rounded; at least one when there are at least twice
   * as many repositories as kinds (so that a small fleet still shows every kind), none below that.
   */
  public static int perKind(int repos) {
    int k = (int) Math.round(repos * RATE);
    return k == 0 && repos >= 2 * values().length ? 1 : k;
  }
}
