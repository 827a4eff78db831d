package dev.arcred.remediation;

import java.util.Map;
import java.util.stream.Collectors;

/** plan.txt: the plan for people. A line per change, counts per kind, the findings left for a person with their fix. */
public final class PlanText {
  private PlanText() {}

  public static String render(Plan plan, String planPath) {
    StringBuilder out = new StringBuilder();
    out.append("arcred plan for ").append(plan.scope()).append('\n');
    out.append("Audited ").append(plan.repositories()).append(" repositories at ").append(plan.auditedAt())
        .append(" from ").append(plan.source());
    if (plan.credentials() != null) {
      out.append("; credentials mapping ").append(plan.credentials());
    }
    out.append(".\n\n");
    out.append(plan.changes().size()).append(plan.changes().size() == 1 ? " change" : " changes").append(": ")
        .append(counts(plan.counts())).append('\n');
    int width = Integer.toString(plan.changes().size()).length();
    for (Change c : plan.changes()) {
      out.append("  #").append(String.format("%-" + width + "d", c.id())).append(' ').append(line(c)).append('\n');
    }
    out.append('\n');
    out.append(plan.manual().size()).append(plan.manual().size() == 1 ? " finding" : " findings")
        .append(" left for a person").append(plan.manual().isEmpty() ? "." : ":").append('\n');
    for (ManualAction m : plan.manual()) {
      out.append("  ").append(m.repository()).append("  ").append(m.rule()).append(" (").append(m.severity())
          .append("): ").append(Text.escaped(m.why())).append('\n');
      out.append("    ").append(m.fix().isEmpty() ? "(no command: a person decides what to do)" : Text.escaped(m.fix()))
          .append('\n');
    }
    out.append('\n');
    out.append("Nothing has been changed. Apply exactly this plan with:\n  app/arcred apply --plan ").append(planPath)
        .append(plan.source().startsWith("endpoint ") ? " --endpoint " + plan.source().substring("endpoint ".length())
            : plan.source().equals("Google") ? "" : " --endpoint HOST:PORT")
        .append('\n');
    return out.toString();
  }

  static String counts(Map<ChangeKind, Long> counts) {
    return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
  }

  /** One change in a line: what it does to which target, and why. */
  public static String line(Change c) {
    String why = c.reasons().stream().map(Reason::rule).distinct().collect(Collectors.joining(", "));
    return switch (c.kind()) {
      case GRANT_ACCESSOR -> {
        String repos = c.reasons().stream().map(Reason::repository).distinct().collect(Collectors.joining(", "));
        yield "GRANT_ACCESSOR  " + c.target() + ": add " + c.member() + " to " + c.role() + " (unconditional); for "
            + repos + " (" + why + ")";
      }
      case REPOINT_VERSION -> "REPOINT_VERSION " + c.target() + ": secret version " + Text.shown(c.seen().passwordSecretVersion())
          + " -> " + c.passwordSecretVersion() + " (" + why + ")";
      case SET_CREDENTIALS -> "SET_CREDENTIALS " + c.target() + ": username " + Text.shown(c.seen().username()) + " -> "
          + Text.shown(c.username()) + ", secret version " + Text.shown(c.seen().passwordSecretVersion()) + " -> "
          + c.passwordSecretVersion() + " (" + why + "; mapping line " + c.mappingLine() + ")";
    };
  }
}
