package dev.arcred.remediation;

import com.google.iam.v1.Binding;
import com.google.iam.v1.Policy;
import java.util.Locale;

/**
 * Edits of an allow policy that touch one member of one role's unconditional binding and nothing else: every other
 * binding, member, condition and audit config survives exactly; the etag is kept for the write; version 3.
 */
final class Policies {
  /** IAM policy version 3: with an older one, Google drops conditional bindings on write. */
  static final int VERSION = 3;

  private Policies() {}

  /** IAM lowercases service account emails: compare members the same way. */
  static boolean sameMember(String a, String b) {
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }

  /** The member holds the role unconditionally. */
  static boolean granted(Policy policy, String role, String member) {
    return policy.getBindingsList().stream()
        .anyMatch(b -> !b.hasCondition() && b.getRole().equals(role)
            && b.getMembersList().stream().anyMatch(m -> sameMember(m, member)));
  }

  /** The member added to the role's first unconditional binding, or a new unconditional binding for it. */
  static Policy withMember(Policy policy, String role, String member) {
    Policy.Builder next = policy.toBuilder().setVersion(VERSION);
    for (int i = 0; i < next.getBindingsCount(); i++) {
      Binding b = next.getBindings(i);
      if (!b.hasCondition() && b.getRole().equals(role)) {
        next.setBindings(i, b.toBuilder().addMembers(member));
        return next.build();
      }
    }
    next.addBindings(Binding.newBuilder().setRole(role).addMembers(member));
    return next.build();
  }

  /** The member removed from the role's unconditional bindings; a binding left without members goes. */
  static Policy withoutMember(Policy policy, String role, String member) {
    Policy.Builder next = policy.toBuilder().setVersion(VERSION).clearBindings();
    for (Binding b : policy.getBindingsList()) {
      if (b.hasCondition() || !b.getRole().equals(role)) {
        next.addBindings(b);
        continue;
      }
      Binding.Builder kept = b.toBuilder().clearMembers();
      b.getMembersList().stream().filter(m -> !sameMember(m, member)).forEach(kept::addMembers);
      if (kept.getMembersCount() > 0) {
        next.addBindings(kept);
      }
    }
    return next.build();
  }
}
