package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretRef;
import dev.arcred.model.Severity;
import java.util.List;
import java.util.Optional;

/** The reference resolves to no existing version: a pinned number that never existed, an alias naming nothing. */
public final class SecretVersionNotFound extends AbstractRule {
  public SecretVersionNotFound() {
    super(RuleIds.SECRET_VERSION_NOT_FOUND, Severity.CRITICAL, "The reference resolves to no existing version");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<SecretInfo> found = Chain.secret(facts);
    if (found.isEmpty() || Chain.version(facts).isPresent()) {
      return List.of();
    }
    SecretInfo secret = found.get();
    SecretRef ref = Chain.reference(facts).orElseThrow();
    String what;
    if (ref.pinned()) {
      what = "Version " + ref.version() + " of secret " + ref.secretName() + " does not exist";
    } else if (ref.version().equals("latest")) {
      what = "Secret " + ref.secretName() + " has no versions, so latest names nothing";
    } else if (secret.versionAliases().containsKey(ref.version())) {
      what = "The alias " + ref.version() + " of secret " + ref.secretName() + " names version "
          + secret.versionAliases().get(ref.version()) + ", which does not exist";
    } else {
      what = "Secret " + ref.secretName() + " has no alias " + ref.version();
    }
    return List.of(finding(facts, Link.VERSION,
        what + " (versions: " + Chain.versions(secret) + "): Artifact Registry finds no token, so pulls of"
            + " private packages fail.",
        Chain.newestUsable(secret).map(v -> Chain.repoint(facts, ref, v.number())).orElse("")));
  }
}
