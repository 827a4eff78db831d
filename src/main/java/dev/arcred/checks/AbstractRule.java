package dev.arcred.checks;

import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.Severity;
import java.util.Objects;

/** What every rule carries: its ID, severity and summary of RULES.md, and how it words a finding. */
abstract class AbstractRule implements Rule {
  private static final int SHOWN_LENGTH = 200;

  private final String id;
  private final Severity severity;
  private final String summary;

  AbstractRule(String id, Severity severity, String summary) {
    this.id = Objects.requireNonNull(id);
    this.severity = Objects.requireNonNull(severity);
    this.summary = Objects.requireNonNull(summary);
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final Severity severity() {
    return severity;
  }

  @Override
  public final String summary() {
    return summary;
  }

  final Finding finding(ChainFacts facts, Link link, String detail, String fix) {
    return new Finding(facts.repository().name(), id, severity, link, detail, fix);
  }

  /**
   * A value from the fleet as a detail shows it: in double quotes, escaped, cut at 200 characters. Values are
   * attacker-controlled and details end up in terminals, CSV and HTML.
   */
  static String shown(String value) {
    String cut = value.codePoints().limit(SHOWN_LENGTH)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return "\"" + escaped(cut.replace("\\", "\\\\").replace("\"", "\\\""))
        + (cut.length() < value.length() ? "..." : "") + "\"";
  }

  /**
   * Text with control and format characters (newlines, escape sequences, bidirectional overrides) written as
   * {@code \\uXXXX}, so that it cannot break a line or disguise itself; for fleet values and error messages.
   */
  static String escaped(String text) {
    return dev.arcred.model.Escaping.escaped(text);
  }

  @Override
  public String toString() {
    return id;
  }
}
