package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretRef;
import dev.arcred.model.ServiceAgent;
import dev.arcred.model.Severity;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The repository's service agent reads the secret only through conditional bindings, whose conditions arcred does
 * not evaluate. Reported instead of SERVICE_AGENT_NO_ACCESS.
 */
public final class ServiceAgentConditionalAccess extends AbstractRule {
  public ServiceAgentConditionalAccess() {
    super(RuleIds.SERVICE_AGENT_CONDITIONAL_ACCESS, Severity.MEDIUM,
        "The service agent reads the secret only under IAM conditions");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    List<Grant> granting = Chain.agentGrants(facts).orElse(List.of());
    if (granting.isEmpty() || granting.stream().anyMatch(g -> !g.conditional())) {
      return List.of();
    }
    SecretRef ref = Chain.reference(facts).orElseThrow();
    ServiceAgent agent = facts.repository().serviceAgent();
    return List.of(finding(facts, Link.ACCESS,
        "The repository's service agent " + agent.email() + " reads secret " + ref.secretName()
            + " only under conditions: " + granting.stream().map(Grant::describe).collect(Collectors.joining("; "))
            + ". arcred does not evaluate conditions; when one does not hold as Artifact Registry reads the token,"
            + " pulls of private packages fail. Grant it unconditionally on the secret, or suppress this finding if"
            + " the condition is meant.",
        GcloudCommands.grantSecretAccess(ref.project(), ref.secret(), agent.member(), true)));
  }
}
