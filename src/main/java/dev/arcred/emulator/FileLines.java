package dev.arcred.emulator;

/** The emulator's small text files: whitespace-separated fields, {@code #} to the end of a line is a comment. */
final class FileLines {
  private FileLines() {}

  static String[] fields(String line) {
    int hash = line.indexOf('#');
    String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
    return content.isEmpty() ? new String[0] : content.split("\\s+");
  }
}
