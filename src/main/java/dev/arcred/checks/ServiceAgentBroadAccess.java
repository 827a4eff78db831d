package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.PolicyLevel;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretRef;
import dev.arcred.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The agent's read access comes from the project, a folder or the organization: it reads every secret below. */
public final class ServiceAgentBroadAccess extends AbstractRule {
  public ServiceAgentBroadAccess() {
    super(RuleIds.SERVICE_AGENT_BROAD_ACCESS, Severity.LOW,
        "The service agent may read every secret of a project, folder or organization");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    List<Grant> granting = Chain.agentGrants(facts).orElse(List.of());
    List<Grant> broad = granting.stream().filter(g -> g.level() != PolicyLevel.SECRET).toList();
    if (broad.isEmpty()) {
      return List.of();
    }
    SecretRef ref = Chain.reference(facts).orElseThrow();
    List<String> commands = new ArrayList<>();
    // grant on the secret first, so that removing the broad grant does not break this repository
    if (granting.stream().noneMatch(g -> g.level() == PolicyLevel.SECRET && !g.conditional())) {
      commands.add(Chain.grantAgent(facts));
    }
    broad.stream().map(Grant::removal).distinct().forEach(commands::add);
    return List.of(finding(facts, Link.ACCESS,
        "The repository's service agent " + facts.repository().serviceAgent().email() + " holds "
            + broad.stream().map(Grant::describe).collect(Collectors.joining("; "))
            + ": it can read every secret below, not only " + ref.secretName() + ". Grant it on the secret instead,"
            + " and remove the broad grant once no other repository relies on it.",
        GcloudCommands.allOf(commands)));
  }
}
