package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Credentials;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretRef;
import dev.arcred.model.Severity;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The password secret version is not of the form projects/{project}/secrets/{secret}/versions/{version}. */
public final class SecretReferenceInvalid extends AbstractRule {
  private static final Pattern LEADING_ZEROS = Pattern.compile("0+[1-9][0-9]*");

  public SecretReferenceInvalid() {
    super(RuleIds.SECRET_REFERENCE_INVALID, Severity.CRITICAL,
        "The password secret version is malformed: no token can be read through it");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<Credentials> credentials = Chain.credentials(facts);
    if (credentials.isEmpty() || !credentials.get().hasReference() || facts.reference().isPresent()) {
      return List.of();
    }
    String reference = credentials.get().passwordSecretVersion();
    Optional<String> repaired = repaired(reference);
    String detail = "The password secret version " + shown(reference) + " is malformed: " + why(reference)
        + ". Artifact Registry reads the token only through projects/PROJECT/secrets/SECRET/versions/VERSION,"
        + " so pulls of private packages fail."
        + repaired.map(r -> " It was probably meant as " + r + ".").orElse(" Set the version that was meant.");
    String fix = repaired.map(r -> Chain.repoint(facts, r)).orElse("");
    return List.of(finding(facts, Link.CREDENTIALS, detail, fix));
  }

  /** Why a reference is malformed, in the words of RULES.md's list. */
  static String why(String reference) {
    if (!reference.equals(reference.strip())) {
      return "it has leading or trailing whitespace";
    }
    String[] segments = reference.split("/", -1);
    if (segments.length == 1) {
      return "it is a bare secret ID, not the name of a secret version";
    }
    if (segments.length >= 4 && segments[0].equals("projects") && segments[2].equals("locations")) {
      return "it is the regional form projects/P/locations/L/secrets/S/versions/V, and Artifact Registry documents"
          + " only the global form";
    }
    if (segments.length >= 4 && segments[0].equals("projects") && segments[2].equals("secrets")) {
      if (segments.length < 6 || !segments[4].equals("versions") || segments[5].isEmpty()) {
        return "it names no version";
      }
      if (segments.length > 6) {
        return "it has extra segments after the version";
      }
      if (segments[5].matches("0+")) {
        return "version 0 does not exist: versions are numbered from 1";
      }
      if (LEADING_ZEROS.matcher(segments[5]).matches()) {
        return "the version number " + segments[5] + " has a leading zero";
      }
      if (!segments[3].matches("[A-Za-z0-9_-]{1,255}")) {
        return "the secret ID may hold only letters, digits, - and _ (1 to 255 of them)";
      }
      if (!segments[5].matches("[1-9][0-9]*|[A-Za-z][A-Za-z0-9_-]*")) {
        return "the version is neither a number nor an alias";
      }
      return "the project is neither a project ID nor a project number";
    }
    return "it is not of the form projects/PROJECT/secrets/SECRET/versions/VERSION";
  }

  /** The reference a person most likely meant, when there is exactly one: trimmed, leading zeros dropped. */
  static Optional<String> repaired(String reference) {
    String candidate = reference.strip();
    String[] segments = candidate.split("/", -1);
    if (segments.length == 6 && LEADING_ZEROS.matcher(segments[5]).matches()) {
      segments[5] = segments[5].replaceFirst("^0+", "");
      candidate = String.join("/", segments);
    }
    return !candidate.equals(reference) && SecretRef.parse(candidate).isPresent()
        ? Optional.of(candidate)
        : Optional.empty();
  }
}
