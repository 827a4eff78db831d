package dev.arcred.model;

import java.util.List;

/** A secret's effective allow policy: its own and every inherited one, nearest first (RULES.md, Terms). */
public record EffectivePolicy(List<AttachedPolicy> policies) {
  public EffectivePolicy {
    policies = List.copyOf(policies);
  }
}
