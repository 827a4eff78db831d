package dev.arcred.checks;

import dev.arcred.model.Binding;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.PolicyLevel;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretRef;
import dev.arcred.model.SecretVersionInfo;
import dev.arcred.model.VersionState;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What each link of a chain says, present only when the links before it were reached and read (RULES.md, Order): a
 * reference that is absent or malformed, or a secret that is missing, ends the chain; a failed read is CHECK_ERROR's.
 */
final class Chain {
  private Chain() {}

  static Optional<Credentials> credentials(ChainFacts facts) {
    return facts.credentials().value();
  }

  static Optional<SecretRef> reference(ChainFacts facts) {
    return facts.reference();
  }

  /** The referenced secret, when the reference is well formed and the secret exists. */
  static Optional<SecretInfo> secret(ChainFacts facts) {
    return reference(facts).isPresent() ? facts.secret().value() : Optional.empty();
  }

  /** The version the reference resolves to, when the secret exists and the version does. */
  static Optional<SecretVersionInfo> version(ChainFacts facts) {
    return secret(facts).flatMap(s -> s.resolve(reference(facts).orElseThrow()));
  }

  /** The secret's effective allow policy, when the secret exists and the policy was read. */
  static Optional<EffectivePolicy> policy(ChainFacts facts) {
    return secret(facts).isPresent() ? facts.policy().value() : Optional.empty();
  }

  /** Every version and its state, oldest first: "1 DESTROYED, 2 DISABLED, 3 ENABLED". */
  static String versions(SecretInfo secret) {
    if (secret.versions().isEmpty()) {
      return "none";
    }
    return secret.versions().stream()
        .sorted(Comparator.comparingLong(SecretVersionInfo::number))
        .map(v -> v.number() + " " + v.state())
        .collect(Collectors.joining(", "));
  }

  /**
   * How the reference reached its version: "pins version 2 of secret S", "follows the alias latest of secret S, now
   * version 3".
   */
  static String resolution(SecretRef ref, SecretVersionInfo version) {
    if (ref.pinned()) {
      return "pins version " + version.number() + " of secret " + ref.secretName();
    }
    return "follows the alias " + ref.version() + " of secret " + ref.secretName() + ", now version "
        + version.number();
  }

  /** The command that points the repository at another version of the same secret, keeping its username. */
  static String repoint(ChainFacts facts, SecretRef ref, long version) {
    return repoint(facts, GcloudCommands.reference(ref.project(), ref.secret(), version));
  }

  /** The command that sets the repository's reference, keeping its username (a placeholder when it has none). */
  static String repoint(ChainFacts facts, String reference) {
    String username = credentials(facts).filter(Credentials::hasUsername).map(Credentials::username)
        .orElse(GcloudCommands.USERNAME);
    return GcloudCommands.updateCredentials(facts.repository(), username, reference);
  }

  /** A version a repository can be pointed at: ENABLED and not scheduled for destruction. */
  static boolean usable(SecretVersionInfo version) {
    return version.state() == VersionState.ENABLED && version.scheduledDestroyTime() == null;
  }

  /** The newest usable version: where the fixes point a repository. */
  static Optional<SecretVersionInfo> newestUsable(SecretInfo secret) {
    return secret.versions().stream().filter(Chain::usable).max(Comparator.comparingLong(SecretVersionInfo::number));
  }

  /** The bindings that let the repository's service agent read the secret, when the policy was read. */
  static Optional<List<Grant>> agentGrants(ChainFacts facts) {
    return policy(facts).map(p -> Grant.granting(p, facts.roles(), Grant.agent(facts.repository().serviceAgent())));
  }

  /**
   * The command that grants the repository's service agent Secret Accessor on the secret itself; with
   * --condition=None when the secret's own policy holds conditional bindings (gcloud asks for a condition then).
   */
  static String grantAgent(ChainFacts facts) {
    boolean conditions = policy(facts).orElseThrow().policies().stream()
        .filter(p -> p.level() == PolicyLevel.SECRET)
        .flatMap(p -> p.bindings().stream())
        .anyMatch(Binding::conditional);
    SecretRef ref = reference(facts).orElseThrow();
    return GcloudCommands.grantSecretAccess(
        ref.project(), ref.secret(), facts.repository().serviceAgent().member(), conditions);
  }
}
