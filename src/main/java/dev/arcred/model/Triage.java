package dev.arcred.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a nightly run adds to an audit: each current finding's change since a baseline, the suppressions that cover
 * findings, and the baseline's findings that are gone. {@link #NONE} when neither a baseline nor an ignore file
 * was given. Findings are keyed by value (a Finding is a record).
 *
 * @param baseline the audit compared with; null without a baseline
 * @param changes the change of every current finding (NEW or PERSISTING); empty without a baseline
 * @param suppressed current findings covered by a suppression in force, with the suppression's reason
 * @param resolved the baseline's findings with no current finding of the same (repository, rule), sorted
 * @param suppressions every suppression of the ignore file, in file order; empty without one
 */
public record Triage(
    BaselineRun baseline,
    Map<Finding, BaselineState> changes,
    Map<Finding, String> suppressed,
    List<Finding> resolved,
    List<SuppressionUse> suppressions) {

  public static final Triage NONE = new Triage(null, Map.of(), Map.of(), List.of(), List.of());

  public Triage {
    changes = Map.copyOf(changes);
    suppressed = Map.copyOf(suppressed);
    resolved = resolved.stream().sorted(Finding.ORDER).toList();
    suppressions = List.copyOf(suppressions);
  }

  /** The audit a run was compared with: its clock and scope as its findings.json says. */
  public record BaselineRun(Instant generatedAt, String scope) {}

  /**
   * One line of the ignore file and what it did in this run.
   *
   * @param source FILE:LINE
   * @param rule a rule ID, or * for every rule that may be suppressed
   * @param repository the repository pattern, * matching any run of characters
   * @param expires the last day (UTC) the suppression is in force
   * @param expired whether the audit's clock is past that day: it then suppresses nothing
   * @param findings how many current findings it covers (suppressed, or reported again when expired)
   */
  public record SuppressionUse(String source, String rule, String repository, String reason, LocalDate expires,
      boolean expired, int findings) {}

  public boolean hasBaseline() {
    return baseline != null;
  }

  public Optional<BaselineState> change(Finding finding) {
    return Optional.ofNullable(changes.get(finding));
  }

  /** The reason of the suppression in force that covers the finding. */
  public Optional<String> suppression(Finding finding) {
    return Optional.ofNullable(suppressed.get(finding));
  }
}
