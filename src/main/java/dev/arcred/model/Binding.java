package dev.arcred.model;

import java.util.List;

/** An IAM binding. condition is the CEL expression's title or expression, null when unconditional. */
public record Binding(String role, List<String> members, String condition) {
  public Binding {
    members = List.copyOf(members);
  }

  public boolean conditional() {
    return condition != null;
  }
}
