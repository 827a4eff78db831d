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
   * A value from the fleet as a detail shows it: in double quotes, control characters escaped, cut at 200 characters.
   * Values are attacker-controlled and details end up in terminals, CSV and HTML.
   */
  static String shown(String value) {
    StringBuilder out = new StringBuilder("\"");
    value.codePoints().limit(SHOWN_LENGTH).forEach(c -> {
      if (c == '"' || c == '\\') {
        out.append('\\').append((char) c);
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    if (value.codePointCount(0, value.length()) > SHOWN_LENGTH) {
      out.append("...");
    }
    return out.append('"').toString();
  }

  @Override
  public String toString() {
    return id;
  }
}
