package dev.arcred.model;

/** Severities of the rule catalogue (RULES.md), most severe first. */
public enum Severity {
  CRITICAL, HIGH, MEDIUM, LOW;

  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }
}
