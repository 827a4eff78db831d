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

/** The resolved version is DISABLED: Secret Manager refuses to serve it. */
public final class SecretVersionDisabled extends AbstractRule {
  public SecretVersionDisabled() {
    super(RuleIds.SECRET_VERSION_DISABLED, Severity.CRITICAL, "The resolved secret version is DISABLED");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<SecretVersionInfo> version = Chain.version(facts);
    if (version.isEmpty() || version.get().state() != VersionState.DISABLED) {
      return List.of();
    }
    SecretRef ref = Chain.reference(facts).orElseThrow();
    SecretInfo secret = Chain.secret(facts).orElseThrow();
    long number = version.get().number();
    Optional<SecretVersionInfo> usable = Chain.newestUsable(secret);
    return List.of(finding(facts, Link.VERSION,
        "The reference " + Chain.resolution(ref, version.get()) + ", which is DISABLED: Secret Manager refuses"
            + " to serve it, so pulls of private packages fail (versions: " + Chain.versions(secret) + ")."
            + usable.map(v -> " Point the repository at version " + v.number() + ", the newest ENABLED one.")
                .orElse(" No version is ENABLED: enable this one if its token is still valid, or add a new one."),
        usable.map(v -> Chain.repoint(facts, ref, v.number()))
            .orElse(GcloudCommands.enableVersion(ref.project(), ref.secret(), number))));
  }
}
