package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.Repository;
import dev.arcred.model.RoleCatalog;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretRef;
import dev.arcred.model.ServiceAgent;
import dev.arcred.model.Severity;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * No binding of the secret's effective allow policy gives the repository's service agent a role holding
 * secretmanager.versions.access. When its only such bindings are conditional, SERVICE_AGENT_CONDITIONAL_ACCESS is
 * reported instead.
 */
public final class ServiceAgentNoAccess extends AbstractRule {
  private static final Pattern ANY_AGENT =
      Pattern.compile("serviceAccount:service-[0-9]+@gcp-sa-artifactregistry\\.iam\\.gserviceaccount\\.com",
          Pattern.CASE_INSENSITIVE);

  public ServiceAgentNoAccess() {
    super(RuleIds.SERVICE_AGENT_NO_ACCESS, Severity.CRITICAL,
        "The repository's service agent cannot read the secret");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<EffectivePolicy> read = Chain.policy(facts);
    if (read.isEmpty() || !Chain.agentGrants(facts).orElseThrow().isEmpty()) {
      return List.of();
    }
    EffectivePolicy policy = read.get();
    ServiceAgent agent = facts.repository().serviceAgent();
    SecretRef ref = Chain.reference(facts).orElseThrow();
    StringBuilder detail = new StringBuilder("No binding in the effective allow policy of secret ")
        .append(ref.secretName()).append(" gives the repository's service agent ").append(agent.email())
        .append(" a role with ").append(RoleCatalog.ACCESS_PERMISSION)
        .append(": Artifact Registry cannot read the token, so pulls of private packages fail.");
    List<Grant> held = Grant.all(policy, Grant.agent(agent));
    if (!held.isEmpty()) {
      detail.append(" It holds only roles without that permission: ").append(held.stream()
          .map(g -> describeHeld(g, facts.roles())).collect(Collectors.joining("; "))).append('.');
    }
    List<Grant> others = Grant.granting(policy, facts.roles(),
        m -> ANY_AGENT.matcher(m).matches() && !Grant.agent(agent).test(m));
    if (!others.isEmpty()) {
      Repository repository = facts.repository();
      detail.append(" Other projects' agents can read it (")
          .append(others.stream().map(g -> g.member().substring("serviceAccount:".length())).distinct()
              .collect(Collectors.joining(", ")))
          .append("); this repository's project is ").append(repository.projectId())
          .append(", number ").append(repository.projectNumber()).append('.');
    }
    List<Grant> unexpanded =
        Grant.granting(policy, facts.roles(), m -> m.startsWith("group:") || m.startsWith("domain:"));
    if (!unexpanded.isEmpty()) {
      detail.append(" Groups and domains are not expanded: ")
          .append(unexpanded.stream().map(g -> g.member() + " holds " + g.describe()).collect(Collectors.joining("; ")))
          .append('.');
    }
    return List.of(finding(facts, Link.ACCESS, detail.toString(), Chain.grantAgent(facts)));
  }

  private static String describeHeld(Grant grant, RoleCatalog roles) {
    boolean custom = grant.role().startsWith("organizations/") || grant.role().startsWith("projects/");
    boolean unknown = custom && !roles.customRolePermissions().containsKey(grant.role());
    return grant.describe() + (unknown ? " (a custom role whose permissions were not read)" : "");
  }
}
