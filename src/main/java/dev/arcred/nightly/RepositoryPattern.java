package dev.arcred.nightly;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A repository name pattern of the ignore file: {@code *} matches any run of characters ({@code /} included), every
 * other character matches itself. {@code *} alone matches every repository; any other pattern starts with
 * {@code projects/}, as repository names do, so that a bare repository ID is caught as a mistake.
 */
public final class RepositoryPattern {
  private final String text;
  private final Pattern regex;

  public RepositoryPattern(String text) {
    if (text == null || !(text.equals("*") || text.startsWith("projects/"))
        || text.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("repository pattern '" + text + "' must be * or start with projects/"
          + " (e.g. projects/my-project/locations/*/repositories/*)");
    }
    this.text = text;
    // split with limit -1 keeps empty pieces, so "a*" gives ["a", ""] and each join point is one *
    this.regex = Pattern.compile(Arrays.stream(text.split("\\*", -1)).map(Pattern::quote)
        .collect(Collectors.joining(".*")), Pattern.DOTALL);
  }

  public boolean matches(String repository) {
    return regex.matcher(repository).matches();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RepositoryPattern p && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
