package dev.arcred.emulator.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One IAM binding of a generated allow policy; {@code condition} is null for an unconditional one. */
record Binding(String role, List<String> members, Condition condition) {
  static final String ACCESSOR = "roles/secretmanager.secretAccessor";
  static final String VERSION_MANAGER = "roles/secretmanager.secretVersionManager";
  static final String SECRET_VIEWER = "roles/secretmanager.viewer";
  static final String TOKEN_READER = Organization.NAME + "/roles/npmTokenReader";
  static final String METADATA_VIEWER = Organization.NAME + "/roles/secretMetadataViewer";
  static final String UPSTREAM_TOKEN_READER = "projects/" + Organization.CENTRAL_ID + "/roles/upstreamTokenReader";

  record Condition(String title, String description, String expression) {}

  static Binding of(String role, String... members) {
    return new Binding(role, List.of(members), null);
  }

  /** Builds a policy the way IAM keeps one: one binding per role and condition, members in the order added. */
  static final class Policy {
    private final List<Binding> bindings = new ArrayList<>();

    Policy add(String role, String member) {
      return add(role, member, null);
    }

    Policy add(String role, String member, Condition condition) {
      for (int i = 0; i < bindings.size(); i++) {
        Binding b = bindings.get(i);
        if (b.role.equals(role) && Objects.equals(b.condition, condition)) {
          if (!b.members.contains(member)) {
            List<String> members = new ArrayList<>(b.members);
            members.add(member);
            bindings.set(i, new Binding(role, List.copyOf(members), condition));
          }
          return this;
        }
      }
      bindings.add(new Binding(role, List.of(member), condition));
      return this;
    }

    Policy addAll(String role, List<String> members) {
      members.forEach(m -> add(role, m));
      return this;
    }

    List<Binding> bindings() {
      return List.copyOf(bindings);
    }
  }
}
