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

/** The resolved version is DESTROYED: its token is gone for good. */
public final class SecretVersionDestroyed extends AbstractRule {
  public SecretVersionDestroyed() {
    super(RuleIds.SECRET_VERSION_DESTROYED, Severity.CRITICAL, "The resolved secret version is DESTROYED");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<SecretVersionInfo> version = Chain.version(facts);
    if (version.isEmpty() || version.get().state() != VersionState.DESTROYED) {
      return List.of();
    }
    SecretRef ref = Chain.reference(facts).orElseThrow();
    SecretInfo secret = Chain.secret(facts).orElseThrow();
    Optional<SecretVersionInfo> usable = Chain.newestUsable(secret);
    return List.of(finding(facts, Link.VERSION,
        "The reference " + Chain.resolution(ref, version.get()) + ", which is DESTROYED: its token is gone for"
            + " good, so pulls of private packages fail (versions: " + Chain.versions(secret) + ")."
            + usable.map(v -> " Point the repository at version " + v.number() + ", the newest ENABLED one.")
                .orElse(" No version is ENABLED: add a version holding a valid token (gcloud secrets versions add),"
                    + " then point the repository at it."),
        usable.map(v -> Chain.repoint(facts, ref, v.number())).orElse("")));
  }
}
