package dev.arcred.inventory;

import java.util.function.Consumer;

/** Where long work reports how far it is: a message now and then, and counted phases. Never the reports' streams. */
public interface Progress {
  void message(String line);

  /** A phase of known size starts (total may be 0). */
  default void begin(String phase, long total) {}

  /** n more units of the current phase are done (thread-safe). */
  default void step(long n) {}

  /** The current phase is over. */
  default void end() {}

  static Progress lines(Consumer<String> lines) {
    return lines::accept;
  }
}
