package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.Lookup;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretRef;
import dev.arcred.model.Severity;
import java.util.List;
import java.util.Optional;

/** The referenced secret does not exist. Ends the chain: no version or access finding follows. */
public final class SecretNotFound extends AbstractRule {
  public SecretNotFound() {
    super(RuleIds.SECRET_NOT_FOUND, Severity.CRITICAL, "The referenced secret does not exist");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<SecretRef> ref = Chain.reference(facts);
    if (ref.isEmpty() || !(facts.secret() instanceof Lookup.Missing<?> missing)) {
      return List.of();
    }
    String answer =
        missing.detail() == null || missing.detail().isBlank() ? "" : " (" + escaped(missing.detail()) + ")";
    return List.of(finding(facts, Link.SECRET,
        "Secret " + ref.get().secretName() + " does not exist" + answer + ": Artifact Registry finds no token,"
            + " so pulls of private packages fail. Point the repository at an existing secret, or create this one"
            + " with the upstream token.",
        ""));
  }
}
