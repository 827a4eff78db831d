package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.PolicyLevel;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretRef;
import dev.arcred.model.ServiceAgent;
import dev.arcred.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The agent's read access comes from the project, a folder or the organization: it reads every secret below. */
public final class ServiceAgentBroadAccess extends AbstractRule {
  public ServiceAgentBroadAccess() {
    super(RuleIds.SERVICE_AGENT_BROAD_ACCESS, Severity.LOW,
        "The service agent may read every secret of a project, folder or organization");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<EffectivePolicy> read = Chain.policy(facts);
    if (read.isEmpty()) {
      return List.of();
    }
    EffectivePolicy policy = read.get();
    ServiceAgent agent = facts.repository().serviceAgent();
    List<Grant> granting = Grant.granting(policy, facts.roles(), Grant.agent(agent));
    List<Grant> broad = granting.stream().filter(g -> g.level() != PolicyLevel.SECRET).toList();
    if (broad.isEmpty()) {
      return List.of();
    }
    SecretRef ref = Chain.reference(facts).orElseThrow();
    List<String> commands = new ArrayList<>();
    // grant on the secret first, so that removing the broad grant does not break this repository
    if (granting.stream().noneMatch(g -> g.level() == PolicyLevel.SECRET && !g.conditional())) {
      commands.add(Chain.grantAgent(facts, ref, policy));
    }
    broad.stream().map(Grant::removal).distinct().forEach(commands::add);
    return List.of(finding(facts, Link.ACCESS,
        "The repository's service agent " + agent.email() + " holds "
            + broad.stream().map(Grant::describe).collect(Collectors.joining("; "))
            + ": it can read every secret below, not only " + ref.secretName() + ". Grant it on the secret instead,"
            + " and remove the broad grant once no other repository relies on it.",
        GcloudCommands.allOf(commands)));
  }
}
