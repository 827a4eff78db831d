package dev.arcred.checks;

import dev.arcred.model.AttachedPolicy;
import dev.arcred.model.Binding;
import dev.arcred.model.EffectivePolicy;
import dev.arcred.model.PolicyLevel;
import dev.arcred.model.RoleCatalog;
import dev.arcred.model.ServiceAgent;
import java.util.List;
import java.util.function.Predicate;

/** One member's role in one binding of an effective policy, with where that binding sits. */
record Grant(AttachedPolicy on, Binding binding, String member) {
  static final List<String> PUBLIC_MEMBERS = List.of("allUsers", "allAuthenticatedUsers");

  /** Every member's role in every binding of the policy that the predicate accepts, nearest policy first. */
  static List<Grant> all(EffectivePolicy policy, Predicate<String> member) {
    return policy.policies().stream()
        .flatMap(p -> p.bindings().stream()
            .flatMap(b -> b.members().stream().filter(member).map(m -> new Grant(p, b, m))))
        .toList();
  }

  /** Those of {@link #all} whose role holds secretmanager.versions.access. */
  static List<Grant> granting(EffectivePolicy policy, RoleCatalog roles, Predicate<String> member) {
    return all(policy, member).stream().filter(g -> roles.grantsAccess(g.role())).toList();
  }

  /** IAM lowercases service account emails; compare them the same way. */
  static Predicate<String> agent(ServiceAgent agent) {
    return m -> m.equalsIgnoreCase(agent.member());
  }

  static Predicate<String> isPublic() {
    return PUBLIC_MEMBERS::contains;
  }

  String role() {
    return binding.role();
  }

  boolean conditional() {
    return binding.conditional();
  }

  PolicyLevel level() {
    return on.level();
  }

  /**
   * The command that removes this member from this role on the resource; with --all when any of the member's
   * bindings of the role there is conditional, so that none is left behind.
   */
  String removal() {
    boolean conditional = on.bindings().stream()
        .anyMatch(b -> b.conditional() && b.role().equals(role()) && b.members().contains(member));
    return GcloudCommands.removeBinding(on.resource(), member, role(), conditional);
  }

  /** "roles/secretmanager.secretAccessor on folders/200000000002 (condition "...")". */
  String describe() {
    return role() + " on " + on.resource()
        + (conditional() ? " (condition " + AbstractRule.shown(binding.condition()) + ")" : "");
  }
}
