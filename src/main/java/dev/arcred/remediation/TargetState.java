package dev.arcred.remediation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.devtools.artifactregistry.v1.Repository;
import java.util.Objects;

/**
 * What a change touches, before or after it, as the journal records it. A grant: whether the member is in the
 * role's unconditional binding (and the policy's etag then, for people). A repository: its username, its secret
 * version reference, and whether it had an upstream credentials block at all (so that rollback restores "none").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetState(
    Boolean granted, String etag, String username, String passwordSecretVersion, Boolean upstreamCredentials) {

  public static TargetState grant(boolean granted, String etag) {
    return new TargetState(granted, etag, null, null, null);
  }

  public static TargetState repository(String username, String passwordSecretVersion, boolean upstreamCredentials) {
    return new TargetState(null, null, Seen.blankToEmpty(username), Seen.blankToEmpty(passwordSecretVersion),
        upstreamCredentials);
  }

  public static TargetState of(Repository repository) {
    boolean present = repository.hasRemoteRepositoryConfig()
        && repository.getRemoteRepositoryConfig().hasUpstreamCredentials();
    var credentials = repository.getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials();
    return repository(credentials.getUsername(), credentials.getPasswordSecretVersion(), present);
  }

  /** The same as far as a change of this kind is concerned (a repoint looks at the reference only). */
  public boolean sameAs(TargetState other, ChangeKind kind) {
    return switch (kind) {
      case GRANT_ACCESSOR -> Objects.equals(granted, other.granted);
      case REPOINT_VERSION -> Objects.equals(passwordSecretVersion, other.passwordSecretVersion);
      case SET_CREDENTIALS -> Objects.equals(passwordSecretVersion, other.passwordSecretVersion)
          && Objects.equals(username, other.username);
    };
  }

  /** For people: "granted", "not granted", or the username and reference. */
  public String describe(ChangeKind kind) {
    return switch (kind) {
      case GRANT_ACCESSOR -> Boolean.TRUE.equals(granted) ? "granted" : "not granted";
      case REPOINT_VERSION -> "secret version " + Text.shown(passwordSecretVersion);
      case SET_CREDENTIALS -> "username " + Text.shown(username) + ", secret version " + Text.shown(passwordSecretVersion);
    };
  }
}
