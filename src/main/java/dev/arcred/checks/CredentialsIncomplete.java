package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretRef;
import dev.arcred.model.Severity;
import java.util.List;
import java.util.Optional;

/** Exactly one of the username and the password secret version is set. */
public final class CredentialsIncomplete extends AbstractRule {
  public CredentialsIncomplete() {
    super(RuleIds.CREDENTIALS_INCOMPLETE, Severity.HIGH,
        "Only one of the upstream username and the password secret version is set");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<Credentials> read = Chain.credentials(facts);
    if (read.isEmpty() || read.get().hasUsername() == read.get().hasReference()) {
      return List.of();
    }
    Credentials credentials = read.get();
    if (credentials.hasUsername()) {
      return List.of(finding(facts, Link.CREDENTIALS,
          "The upstream username " + shown(credentials.username()) + " is set but no password secret version:"
              + " the upstream gets no token, so private packages fail. Choose the secret version holding the"
              + " token for this username.",
          GcloudCommands.updateCredentials(facts.repository(), credentials.username(), GcloudCommands.REFERENCE)));
    }
    // keep a well-formed reference as it is; a malformed one is SECRET_REFERENCE_INVALID's to explain
    String reference = SecretRef.parse(credentials.passwordSecretVersion()).isPresent()
        ? credentials.passwordSecretVersion()
        : GcloudCommands.REFERENCE;
    return List.of(finding(facts, Link.CREDENTIALS,
        "The password secret version " + shown(credentials.passwordSecretVersion()) + " is set but no upstream"
            + " username: the upstream gets no credentials, so private packages fail. Set the username that"
            + " owns the token.",
        GcloudCommands.updateCredentials(facts.repository(), GcloudCommands.USERNAME, reference)));
  }
}
