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

/** The resolved version is scheduled for destruction and not destroyed yet. */
public final class SecretVersionDestroyScheduled extends AbstractRule {
  public SecretVersionDestroyScheduled() {
    super(RuleIds.SECRET_VERSION_DESTROY_SCHEDULED, Severity.HIGH,
        "The resolved secret version is scheduled for destruction");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<SecretVersionInfo> found = Chain.version(facts);
    if (found.isEmpty() || found.get().scheduledDestroyTime() == null
        || found.get().state() == VersionState.DESTROYED) {
      return List.of();
    }
    SecretVersionInfo version = found.get();
    SecretRef ref = Chain.reference(facts).orElseThrow();
    SecretInfo secret = Chain.secret(facts).orElseThrow();
    Optional<SecretVersionInfo> usable = Chain.newestUsable(secret);
    return List.of(finding(facts, Link.VERSION,
        "The reference " + Chain.resolution(ref, version) + ", which is " + version.state()
            + " and scheduled to be destroyed at " + version.scheduledDestroyTime()
            + ": from then on pulls of private packages fail."
            + usable.map(v -> " Point the repository at version " + v.number() + ", the newest ENABLED one.")
                .orElse(" No other version is ENABLED: enabling this one cancels its destruction."),
        usable.map(v -> Chain.repoint(facts, ref, v.number()))
            .orElse(GcloudCommands.enableVersion(ref.project(), ref.secret(), version.number()))));
  }
}
