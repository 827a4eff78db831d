package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretRef;
import dev.arcred.model.Severity;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** allUsers or allAuthenticatedUsers holds a role that reads the secret's payload: the upstream token is public. */
public final class SecretPublic extends AbstractRule {
  public SecretPublic() {
    super(RuleIds.SECRET_PUBLIC, Severity.CRITICAL,
        "allUsers or allAuthenticatedUsers can read the secret: the upstream token is public");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<EffectivePolicy> policy = Chain.policy(facts);
    List<Grant> exposed = policy.map(p -> Grant.granting(p, facts.roles(), Grant.isPublic())).orElse(List.of());
    if (exposed.isEmpty()) {
      return List.of();
    }
    SecretRef ref = Chain.reference(facts).orElseThrow();
    String grants = exposed.stream().map(g -> g.member() + " holds " + g.describe()).collect(Collectors.joining("; "));
    return List.of(finding(facts, Link.ACCESS,
        "Anyone can read the upstream token in secret " + ref.secretName() + ": " + grants
            + ". Remove these bindings and rotate the token.",
        GcloudCommands.allOf(exposed.stream().map(Grant::removal).distinct().toList())));
  }
}
