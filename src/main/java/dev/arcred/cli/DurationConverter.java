package dev.arcred.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations on the command line: 0, 500ms, 90s, 10m, 1h, or ISO-8601 (PT10M). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    Matcher m = SHORT.matcher(value.strip());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
    try {
      Duration d = Duration.parse(value.strip());
      if (d.isNegative()) {
        throw new CommandLine.TypeConversionException("a duration cannot be negative: '" + value + "'");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException("not a duration: '" + value + "' (e.g. 0, 90s, 10m, 1h)");
    }
  }
}
