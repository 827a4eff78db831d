package dev.arcred.emulator;

/** A fleet file that cannot be served: the message names the file, the 1-based line and what is wrong. */
public final class FleetException extends Exception {
  public FleetException(String message) {
    super(message);
  }

  public FleetException(String message, Throwable cause) {
    super(message, cause);
  }

  static FleetException at(String source, int line, String what) {
    return new FleetException(source + ":" + line + ": " + what);
  }
}
