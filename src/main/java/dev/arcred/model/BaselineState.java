package dev.arcred.model;

/**
 * A finding compared with a baseline (a previous run's findings.json), the finding being identified by
 * (repository, rule); the names follow SARIF's baselineState.
 */
public enum BaselineState {
  /** Found now, not in the baseline. */
  NEW,
  /** Found now and in the baseline. */
  PERSISTING,
  /** In the baseline, not found now: listed for people, never counted as a finding. */
  RESOLVED
}
