package dev.arcred.nightly;

/** A baseline or ignore file that cannot be used: the message names the file, and the line when there is one. */
public class MalformedInput extends Exception {
  public MalformedInput(String message) {
    super(message);
  }

  public MalformedInput(String message, Throwable cause) {
    super(message, cause);
  }
}
