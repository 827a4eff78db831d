package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretRef;
import dev.arcred.model.SecretVersionInfo;
import dev.arcred.model.Severity;
import dev.arcred.model.VersionState;
import java.util.List;
import java.util.Optional;

/** Pinned to an ENABLED version while a higher-numbered ENABLED version exists: a rotation that did not arrive. */
public final class SecretVersionSuperseded extends AbstractRule {
  public SecretVersionSuperseded() {
    super(RuleIds.SECRET_VERSION_SUPERSEDED, Severity.LOW,
        "The pinned version is ENABLED but a newer ENABLED version exists");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<SecretVersionInfo> pinned = Chain.version(facts)
        .filter(v -> Chain.reference(facts).orElseThrow().pinned() && v.state() == VersionState.ENABLED);
    if (pinned.isEmpty()) {
      return List.of();
    }
    SecretInfo secret = Chain.secret(facts).orElseThrow();
    Optional<SecretVersionInfo> newer = secret.newestEnabled().filter(v -> v.number() > pinned.get().number());
    if (newer.isEmpty()) {
      return List.of();
    }
    SecretRef ref = Chain.reference(facts).orElseThrow();
    Optional<SecretVersionInfo> target = Chain.newestUsable(secret).filter(v -> v.number() > pinned.get().number());
    return List.of(finding(facts, Link.VERSION,
        "The reference pins version " + pinned.get().number() + " of secret " + ref.secretName() + ", but version "
            + newer.get().number() + " is newer and ENABLED: a rotation did not reach this repository, and pulls"
            + " fail once version " + pinned.get().number() + " is disabled.",
        target.map(v -> Chain.repoint(facts, ref, v.number())).orElse("")));
  }
}
