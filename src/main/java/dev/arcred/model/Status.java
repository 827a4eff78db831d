package dev.arcred.model;

import java.util.Collection;

/** A repository's verdict (RULES.md): UNKNOWN with a CHECK_ERROR, FAIL with CRITICAL/HIGH, WARN with any, else OK. */
public enum Status {
  OK, WARN, FAIL, UNKNOWN;

  public static Status of(Collection<Finding> findings) {
    if (findings.stream().anyMatch(f -> f.rule().equals(RuleIds.CHECK_ERROR))) {
      return UNKNOWN;
    }
    if (findings.stream().anyMatch(f -> f.severity().atLeast(Severity.HIGH))) {
      return FAIL;
    }
    return findings.isEmpty() ? OK : WARN;
  }
}
