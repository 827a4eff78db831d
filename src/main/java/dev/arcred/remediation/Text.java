package dev.arcred.remediation;

/** Fleet values shown to people: attacker-controlled, so control and format characters are escaped. */
final class Text {
  private Text() {}

  /** In double quotes, escaped. */
  static String shown(String value) {
    return "\"" + escaped(value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
  }

  /** Control and format characters (newlines, escapes, bidirectional overrides) as {@code \\uXXXX}. */
  static String escaped(String text) {
    return dev.arcred.model.Escaping.escaped(text);
  }
}
