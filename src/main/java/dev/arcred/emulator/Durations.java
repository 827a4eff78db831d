package dev.arcred.emulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in flags and files: {@code 0}, {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 1d}, or ISO-8601 ({@code PT30S}). */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)$");

  private Durations() {}

  public static Duration parse(String text) {
    String t = text.strip();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = SIMPLE.matcher(t);
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      long millis = switch (m.group(2)) {
        case "ms" -> 1;
        case "s" -> 1_000;
        case "m" -> 60_000;
        case "h" -> 3_600_000;
        default -> 86_400_000;
      };
      return Duration.ofNanos(Math.round(n * millis * 1_000_000));
    }
    try {
      Duration d = Duration.parse(t);
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 0, 250ms, 1.5s, 2m, 1h, PT30S)");
  }
}
