package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import dev.arcred.model.Severity;
import java.util.List;
import java.util.Optional;

/** Neither a username nor a password secret version is set: the repository pulls anonymously. */
public final class CredentialsMissing extends AbstractRule {
  public CredentialsMissing() {
    super(RuleIds.CREDENTIALS_MISSING, Severity.HIGH,
        "No upstream username or password secret version is set: pulls are anonymous");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<Credentials> credentials = Chain.credentials(facts);
    if (credentials.isEmpty() || credentials.get().hasUsername() || credentials.get().hasReference()) {
      return List.of();
    }
    String upstream = facts.repository().upstream();
    String from = upstream == null || upstream.isBlank() ? "its upstream" : shown(upstream);
    return List.of(finding(facts, Link.CREDENTIALS,
        "Neither an upstream username nor a password secret version is set: the repository pulls from " + from
            + " anonymously, so private packages fail and anonymous rate limits apply. Choose a secret holding"
            + " the upstream token and a username.",
        GcloudCommands.updateCredentials(facts.repository(), GcloudCommands.USERNAME, GcloudCommands.REFERENCE)));
  }
}
