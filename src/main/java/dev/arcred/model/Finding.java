package dev.arcred.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding: a rule that fired for a repository.
 *
 * @param repository the repository's name as Artifact Registry gives it
 * @param rule a rule ID of RULES.md
 * @param link the link of the chain the finding is about
 * @param detail a sentence for people; never a token or a secret payload
 * @param fix the gcloud command that fixes it by hand, or "" when a person must decide
 */
public record Finding(String repository, String rule, Severity severity, Link link, String detail, String fix) {
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::repository).thenComparing(Finding::rule).thenComparing(Finding::detail);

  public Finding {
    Objects.requireNonNull(repository);
    Objects.requireNonNull(rule);
    Objects.requireNonNull(severity);
    Objects.requireNonNull(link);
    detail = detail == null ? "" : detail;
    fix = fix == null ? "" : fix;
  }
}
