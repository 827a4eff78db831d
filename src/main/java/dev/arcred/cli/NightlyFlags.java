package dev.arcred.cli;

import dev.arcred.model.AuditReport;
import dev.arcred.model.BaselineState;
import dev.arcred.model.Triage;
import dev.arcred.nightly.Baseline;
import dev.arcred.nightly.FailOn;
import dev.arcred.nightly.MalformedInput;
import dev.arcred.nightly.Nightly;
import dev.arcred.nightly.Suppressions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The audit's options for nightly jobs (--baseline, --fail-on, --ignore), a mixin of the audit command. The
 * command calls {@link #load} before auditing (bad files exit 2 before any API call), {@link #triage} on the
 * outcome, and {@link #exitCode} to choose the exit code.
 */
public final class NightlyFlags {
  @Option(names = "--baseline", paramLabel = "DIR",
      description = "A previous run's --out (or its findings.json): mark findings NEW, PERSISTING or RESOLVED."
          + " No findings.json there yet (the first night): every finding is NEW.")
  Path baselinePath;

  @Option(names = "--fail-on", paramLabel = "SEVERITY|new", converter = FailOnConverter.class,
      description = "Exit 1 only for findings at or above CRITICAL, HIGH, MEDIUM or LOW (default: any), or only"
          + " for NEW ones (needs --baseline). Suppressed and RESOLVED findings never count.")
  FailOn failOn = FailOn.ANY;

  @Option(names = "--ignore", paramLabel = "FILE",
      description = "Suppressions, CSV rule,repository,reason,expires (docs/suppressions.md): listed with their"
          + " reason, not counted; an expired one is reported as SUPPRESSION_EXPIRED.")
  Path ignoreFile;

  private Baseline baseline;
  private Suppressions suppressions = Suppressions.NONE;

  /** Reads the baseline and the ignore file; notes go to err. Throws with a message naming file and line. */
  public void load(PrintWriter err) throws MalformedInput {
    if (failOn.newOnly() && baselinePath == null) {
      throw new MalformedInput("--fail-on new needs --baseline DIR (the run to compare with)");
    }
    if (ignoreFile != null) {
      suppressions = Suppressions.read(ignoreFile);
    }
    if (baselinePath != null) {
      baseline = Baseline.read(baselinePath);
      if (baseline.run().generatedAt() == null && baseline.findings().isEmpty()) {
        err.println("arcred: note: no findings.json at " + baselinePath + " yet: every finding is NEW");
      }
    }
  }

  /** The audit with its triage (changes, suppressions); the same audit when no nightly option was given. */
  public AuditReport triage(AuditReport report, PrintWriter err) {
    Objects.requireNonNull(suppressions, "load first");
    if (baseline != null && baseline.run().scope() != null && !baseline.run().scope().equals(report.scope())) {
      err.println("arcred: note: the baseline audited " + baseline.run().scope() + ", this run " + report.scope()
          + ": findings outside the overlap show as NEW or RESOLVED");
    }
    AuditReport triaged = Nightly.triage(report, baseline, suppressions);
    for (Triage.SuppressionUse use : triaged.triage().suppressions()) {
      if (use.findings() == 0) {
        err.println("arcred: note: the suppression at " + use.source() + " covers no finding"
            + (use.expired() ? " (and has expired)" : "") + ": remove it?");
      }
    }
    return triaged;
  }

  /** 3 when a link could not be read (the audit is incomplete), else 1 when findings count by --fail-on, else 0. */
  public int exitCode(AuditReport report) {
    if (report.hasCheckErrors()) {
      return Main.INCOMPLETE;
    }
    return failOn.fails(report) ? Main.FINDINGS : Main.OK;
  }

  /** One line for stdout when a nightly option was given, else nothing. */
  public void summarize(AuditReport report, PrintWriter out) {
    Triage triage = report.triage();
    if (triage == Triage.NONE && baselinePath == null && ignoreFile == null) {
      return;
    }
    StringBuilder line = new StringBuilder();
    if (triage.hasBaseline()) {
      long fresh = triage.changes().values().stream().filter(c -> c == BaselineState.NEW).count();
      line.append(String.format("Since the baseline: %d NEW, %d PERSISTING, %d RESOLVED. ", fresh,
          triage.changes().size() - fresh, triage.resolved().size()));
    }
    if (ignoreFile != null) {
      long expired = triage.suppressions().stream().filter(Triage.SuppressionUse::expired).count();
      line.append(String.format("Suppressed: %d findings; expired suppressions: %d. ", triage.suppressed().size(),
          expired));
    }
    line.append(String.format("Counted for the exit code (--fail-on %s): %d.", failOn,
        failOn.counted(report).size()));
    out.println(line);
    out.flush();
  }

  static final class FailOnConverter implements CommandLine.ITypeConverter<FailOn> {
    @Override
    public FailOn convert(String value) {
      try {
        return FailOn.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
