package dev.arcred.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time the emulator adds to each call before answering it. {@code none} (the default) adds nothing;
 * {@code realistic} about what Google's APIs take from inside a region: 40 ms ± 10 ms for reads, 80 ms ± 20 ms for
 * writes. A latency file has one rule a line, the first whose methods match a call applies:
 *
 * <pre>
 * # METHODS            DELAY  [JITTER]    (jitter: uniform within ±JITTER)
 * SecretManagerService/GetIamPolicy  120ms  30ms
 * read                 40ms   10ms
 * write                80ms   20ms
 * </pre>
 *
 * METHODS as in {@link MethodPattern}; durations as in {@link Durations}; {@code #} starts a comment.
 */
public final class Latency {
  record Rule(MethodPattern methods, Duration delay, Duration jitter) {}

  private static final Latency NONE = new Latency("none", List.of());
  private static final Latency REALISTIC = new Latency("realistic", List.of(
      new Rule(MethodPattern.parse("read"), Duration.ofMillis(40), Duration.ofMillis(10)),
      new Rule(MethodPattern.parse("write"), Duration.ofMillis(80), Duration.ofMillis(20))));

  private final String label;
  private final List<Rule> rules;

  private Latency(String label, List<Rule> rules) {
    this.label = label;
    this.rules = List.copyOf(rules);
  }

  public static Latency none() {
    return NONE;
  }

  public static Latency realistic() {
    return REALISTIC;
  }

  /** {@code none}, {@code realistic}, or the path of a latency file. */
  public static Latency of(String spec) {
    return switch (spec) {
      case "none" -> NONE;
      case "realistic" -> REALISTIC;
      default -> load(Path.of(spec));
    };
  }

  public static Latency load(Path file) {
    try {
      return parse(file.toString(), Files.readAllLines(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read latency file: " + e.getMessage());
    }
  }

  /** Parses the lines of a latency file; errors name {@code source:line}. */
  public static Latency parse(String source, List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] f = FileLines.fields(lines.get(i));
      if (f.length == 0) {
        continue;
      }
      try {
        rules.add(rule(f, 0));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    return new Latency(source, rules);
  }

  /** {@code METHODS DELAY [JITTER]} starting at field {@code from}. */
  static Rule rule(String[] f, int from) {
    if (f.length - from < 2 || f.length - from > 3) {
      throw new IllegalArgumentException("a latency rule is METHODS DELAY [JITTER], e.g. 'read 40ms 10ms'");
    }
    Duration delay = Durations.parse(f[from + 1]);
    Duration jitter = f.length - from == 3 ? Durations.parse(f[from + 2]) : Duration.ZERO;
    if (jitter.compareTo(delay) > 0) {
      throw new IllegalArgumentException("the jitter (" + f[from + 2] + ") exceeds the delay (" + f[from + 1] + ")");
    }
    return new Rule(MethodPattern.parse(f[from]), delay, jitter);
  }

  static Latency ofRules(String label, List<Rule> rules) {
    return new Latency(label, rules);
  }

  public boolean isNone() {
    return rules.isEmpty();
  }

  /** The delay for one call of a method: the first matching rule's, jittered; zero when none matches. */
  Duration delay(String fullMethodName) {
    for (Rule r : rules) {
      if (r.methods().matches(fullMethodName)) {
        long jitter = r.jitter().toNanos();
        long offset = jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
        return r.delay().plusNanos(offset);
      }
    }
    return Duration.ZERO;
  }

  List<Rule> rules() {
    return rules;
  }

  @Override
  public String toString() {
    return label;
  }
}
