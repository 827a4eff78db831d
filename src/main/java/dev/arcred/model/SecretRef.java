package dev.arcred.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A well-formed reference {@code projects/{project}/secrets/{secret}/versions/{version}} (RULES.md, Terms).
 * {@code project} is an ID or a number; {@code version} a pinned number or an alias such as {@code latest}.
 */
public record SecretRef(String project, String secret, String version) {
  private static final Pattern FORM = Pattern.compile(
      "projects/([a-z0-9][a-z0-9.:-]{0,62}[a-z0-9]|[0-9]+)/secrets/([A-Za-z0-9_-]{1,255})/versions/([1-9][0-9]*|[A-Za-z][A-Za-z0-9_-]*)");

  /**
   * Empty when the reference is malformed. Surrounding whitespace makes it malformed too (RULES.md: anything but
   * the form is malformed); a blank value is "not set", which Credentials decides.
   */
  public static Optional<SecretRef> parse(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(reference);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new SecretRef(m.group(1), m.group(2), m.group(3)));
  }

  public boolean pinned() {
    return Character.isDigit(version.charAt(0));
  }

  /** Throws NumberFormatException past Long.MAX_VALUE (well formed, but no version has such a number). */
  public long pinnedNumber() {
    if (!pinned()) {
      throw new IllegalStateException("not pinned: " + this);
    }
    return Long.parseLong(version);
  }

  public boolean projectIsNumber() {
    return project.chars().allMatch(Character::isDigit);
  }

  /** projects/{project}/secrets/{secret} in the form the reference used. */
  public String secretName() {
    return "projects/" + project + "/secrets/" + secret;
  }

  @Override
  public String toString() {
    return secretName() + "/versions/" + version;
  }
}
