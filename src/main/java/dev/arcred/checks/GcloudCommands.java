package dev.arcred.checks;

import dev.arcred.model.Repository;
import dev.arcred.model.RoleCatalog;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The gcloud commands people know, for a finding's {@code fix}. Values come from the fleet and are attacker-controlled:
 * every value that is not a plain token is single-quoted for a POSIX shell.
 */
public final class GcloudCommands {
  /** Placeholders for what a person must choose. Plain tokens: they are never quoted. */
  public static final String USERNAME = "USERNAME";

  public static final String REFERENCE = "projects/PROJECT/secrets/SECRET/versions/VERSION";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

  private GcloudCommands() {}

  /** The value as one shell word: unchanged when plain, else in single quotes ({@code '} written {@code '\''}). */
  public static String quote(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** projects/P/secrets/S/versions/V. */
  public static String reference(String project, String secret, long version) {
    return "projects/" + project + "/secrets/" + secret + "/versions/" + version;
  }

  /** Sets both halves of a repository's upstream credentials. */
  public static String updateCredentials(Repository repository, String username, String reference) {
    return "gcloud artifacts repositories update " + quote(repository.repositoryId())
        + " --project=" + quote(repository.projectId())
        + " --location=" + quote(repository.location())
        + " --remote-username=" + quote(username)
        + " --remote-password-secret-version=" + quote(reference);
  }

  /**
   * Grants Secret Accessor on the secret itself. {@code unconditional} adds {@code --condition=None}, which gcloud
   * requires when the secret's policy already holds conditional bindings.
   */
  public static String grantSecretAccess(String project, String secret, String member, boolean unconditional) {
    return "gcloud secrets add-iam-policy-binding " + secretArgument(project, secret)
        + " --member=" + quote(member)
        + " --role=" + RoleCatalog.SECRET_ACCESSOR
        + (unconditional ? " --condition=None" : "");
  }

  /**
   * Removes a member from a role on the resource holding the policy: projects/P/secrets/S, projects/P, folders/F or
   * organizations/O. {@code all} adds {@code --all}, which removes conditional bindings too.
   */
  public static String removeBinding(String resource, String member, String role, boolean all) {
    String[] parts = resource.split("/");
    String target;
    if (parts.length == 4 && parts[0].equals("projects") && parts[2].equals("secrets")) {
      target = "secrets remove-iam-policy-binding " + secretArgument(parts[1], parts[3]);
    } else if (parts.length == 2 && parts[0].equals("projects")) {
      target = "projects remove-iam-policy-binding " + quote(parts[1]);
    } else if (parts.length == 2 && parts[0].equals("folders")) {
      target = "resource-manager folders remove-iam-policy-binding " + quote(parts[1]);
    } else if (parts.length == 2 && parts[0].equals("organizations")) {
      target = "organizations remove-iam-policy-binding " + quote(parts[1]);
    } else {
      throw new IllegalArgumentException("not a policy holder: " + resource);
    }
    return "gcloud " + target + " --member=" + quote(member) + " --role=" + quote(role) + (all ? " --all" : "");
  }

  /** Enables a version; enabling a version scheduled for destruction also cancels the destruction. */
  public static String enableVersion(String project, String secret, long version) {
    return "gcloud secrets versions enable " + version
        + " --secret=" + quote(secret) + " --project=" + quote(project);
  }

  public static String removeExpiration(String project, String secret) {
    return "gcloud secrets update " + secretArgument(project, secret) + " --remove-expiration";
  }

  /** Several commands run in order, stopping at the first that fails. */
  public static String allOf(List<String> commands) {
    return String.join(" && ", commands);
  }

  // A secret ID may start with '-', which gcloud would read as a flag: then pass the full name instead.
  private static String secretArgument(String project, String secret) {
    if (secret.startsWith("-")) {
      return quote("projects/" + project + "/secrets/" + secret);
    }
    return quote(secret) + " --project=" + quote(project);
  }
}
