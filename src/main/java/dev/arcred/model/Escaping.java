package dev.arcred.model;

/**
 * Fleet values and API error texts are attacker-controlled: before they reach a detail, a log or plan.txt, control
 * and format characters (newlines, escape sequences, bidirectional overrides) are written as {@code \\uXXXX}, so
 * that a value can neither break a line nor disguise itself.
 */
public final class Escaping {
  private Escaping() {}

  public static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
