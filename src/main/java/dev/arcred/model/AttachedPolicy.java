package dev.arcred.model;

import java.util.List;

/** An allow policy attached to one resource (a secret, project, folder or organization). */
public record AttachedPolicy(String resource, PolicyLevel level, List<Binding> bindings) {
  public AttachedPolicy {
    bindings = List.copyOf(bindings);
  }

  public static AttachedPolicy of(String resource, List<Binding> bindings) {
    return new AttachedPolicy(resource, PolicyLevel.ofResource(resource), bindings);
  }
}
