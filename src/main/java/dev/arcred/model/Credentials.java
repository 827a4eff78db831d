package dev.arcred.model;

/**
 * A repository's upstream credentials as the Artifact Registry API returns them. Either may be null or blank.
 * The password itself is never here: only the reference to a Secret Manager version.
 */
public record Credentials(String username, String passwordSecretVersion) {
  public static final Credentials NONE = new Credentials(null, null);

  public boolean hasUsername() {
    return username != null && !username.isBlank();
  }

  public boolean hasReference() {
    return passwordSecretVersion != null && !passwordSecretVersion.isBlank();
  }
}
