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
import java.util.Optional;

/**
 * A link of the chain could not be read: one finding per such link, naming the call and why. When the credentials
 * could not be read nothing else can be judged, so that is the only finding. A link left unread although the chain
 * reached it is reported the same way: an unread link is never OK.
 */
public final class CheckError extends AbstractRule {
  public CheckError() {
    super(RuleIds.CHECK_ERROR, Severity.HIGH, "A link of the chain could not be read: the audit is incomplete");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<String> credentials = unread(facts.credentials(), true);
    if (credentials.isPresent()) {
      return List.of(finding(facts, Link.CREDENTIALS, "Could not read the repository's upstream credentials: "
          + credentials.get() + " Nothing else about this repository could be judged.", ""));
    }
    String secret = facts.reference().map(SecretRef::secretName).map(n -> "secret " + n).orElse("the secret");
    List<Finding> findings = new ArrayList<>();
    unread(facts.secret(), facts.reference().isPresent()).ifPresent(why -> findings.add(finding(facts, Link.SECRET,
        "Could not read " + secret + " and its versions: " + why + " Its versions and who can read it were not"
            + " judged.", "")));
    unread(facts.policy(), Chain.secret(facts).isPresent()).ifPresent(why -> findings.add(finding(facts, Link.ACCESS,
        "Could not read the effective allow policy of " + secret + ": " + why + " Whether the service agent can"
            + " read it, and whether it is public, were not judged.", "")));
    return findings;
  }

  /** Why a link is unread: it failed, or it was skipped although the chain reached it. */
  private static Optional<String> unread(Lookup<?> lookup, boolean reached) {
    if (lookup instanceof Lookup.Failed<?> failed) {
      String reason = failed.reason() == null ? "" : failed.reason().strip().replaceFirst("\\.$", "");
      return Optional.of(escaped(failed.call()) + " failed: " + escaped(reason) + ".");
    }
    if (reached && lookup instanceof Lookup.Skipped<?>) {
      return Optional.of("it was not read although the chain reached it (a defect of arcred, please report it).");
    }
    return Optional.empty();
  }
}
