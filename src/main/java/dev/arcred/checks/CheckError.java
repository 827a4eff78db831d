package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.Lookup;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretRef;
import dev.arcred.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A link of the chain could not be read: one finding per such link, naming the call and why. When the credentials
 * could not be read nothing else can be judged, so that is the only finding.
 */
public final class CheckError extends AbstractRule {
  public CheckError() {
    super(RuleIds.CHECK_ERROR, Severity.HIGH, "A link of the chain could not be read: the audit is incomplete");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    if (facts.credentials() instanceof Lookup.Failed<?> failed) {
      return List.of(error(facts, Link.CREDENTIALS, "the repository's upstream credentials", failed,
          " Nothing else about this repository could be judged."));
    }
    String secret = facts.reference().map(SecretRef::secretName).map(n -> "secret " + n).orElse("the secret");
    List<Finding> findings = new ArrayList<>();
    if (facts.secret() instanceof Lookup.Failed<?> failed) {
      findings.add(error(facts, Link.SECRET, secret + " and its versions", failed,
          " Its versions and who can read it were not judged."));
    }
    if (facts.policy() instanceof Lookup.Failed<?> failed) {
      findings.add(error(facts, Link.ACCESS, "the effective allow policy of " + secret, failed,
          " Whether the service agent can read it, and whether it is public, were not judged."));
    }
    return findings;
  }

  private Finding error(ChainFacts facts, Link link, String what, Lookup.Failed<?> failed, String consequence) {
    String reason = failed.reason() == null ? "" : failed.reason().strip().replaceFirst("\\.$", "");
    return finding(facts, link,
        "Could not read " + what + ": " + failed.call() + " failed: " + reason + "." + consequence, "");
  }
}
