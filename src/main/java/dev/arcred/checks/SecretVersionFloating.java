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
import java.util.List;
import java.util.Optional;

/** The reference uses an alias such as latest instead of a version number. */
public final class SecretVersionFloating extends AbstractRule {
  public SecretVersionFloating() {
    super(RuleIds.SECRET_VERSION_FLOATING, Severity.LOW,
        "The reference follows an alias instead of a version number");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<SecretInfo> found = Chain.secret(facts);
    SecretRef ref = Chain.reference(facts).orElse(null);
    if (found.isEmpty() || ref.pinned()) {
      return List.of();
    }
    Optional<SecretVersionInfo> now = Chain.version(facts);
    String resolves = now.map(v -> "now version " + v.number() + ", " + v.state()).orElse("now naming no version");
    // pin where it points today when that works; else where it should point
    Optional<SecretVersionInfo> pin = now.filter(Chain::usable).or(() -> Chain.newestUsable(found.get()));
    return List.of(finding(facts, Link.VERSION,
        "The reference follows the alias " + ref.version() + " of secret " + ref.secretName() + " (" + resolves
            + ") instead of a version number: whatever version is added or disabled next reaches this repository"
            + " untested, and a non-ENABLED newest version breaks it."
            + pin.map(v -> " Pin version " + v.number() + ".").orElse(" No version is ENABLED to pin."),
        pin.map(v -> Chain.repoint(facts, ref, v.number())).orElse("")));
  }
}
