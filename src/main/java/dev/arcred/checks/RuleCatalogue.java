package dev.arcred.checks;

import java.util.List;

/** Every rule, in the order of RULES.md's table: the one explicit list. Adding a rule adds one line here. */
public final class RuleCatalogue {
  public static final List<Rule> ALL = List.of(
      new CredentialsMissing(),
      new CredentialsIncomplete(),
      new SecretReferenceInvalid(),
      new SecretNotFound(),
      new SecretVersionNotFound(),
      new SecretVersionDisabled(),
      new SecretVersionDestroyed(),
      new SecretVersionDestroyScheduled(),
      new SecretExpiring(),
      new SecretVersionFloating(),
      new SecretVersionSuperseded(),
      new SecretPublic(),
      new ServiceAgentNoAccess(),
      new ServiceAgentConditionalAccess(),
      new ServiceAgentBroadAccess(),
      new CheckError());

  private RuleCatalogue() {}
}
