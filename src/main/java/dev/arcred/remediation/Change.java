package dev.arcred.remediation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One change of a plan.
 *
 * @param id its position in the plan, from 1 (for people; the journal keys changes by {@link #key})
 * @param kind what it does
 * @param target the secret ({@code projects/{number}/secrets/{id}}) or the repository it changes
 * @param member GRANT_ACCESSOR: the service agent to add ({@code serviceAccount:...})
 * @param role GRANT_ACCESSOR: always roles/secretmanager.secretAccessor
 * @param username SET_CREDENTIALS: the username to set
 * @param passwordSecretVersion REPOINT_VERSION and SET_CREDENTIALS: the reference to set
 * @param mappingLine SET_CREDENTIALS: the line of the credentials mapping it comes from
 * @param seen the target's state when planned
 * @param reasons the findings it fixes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(
    int id,
    ChangeKind kind,
    String target,
    String member,
    String role,
    String username,
    String passwordSecretVersion,
    Integer mappingLine,
    Seen seen,
    List<Reason> reasons) {

  private static final Pattern SECRET = Pattern.compile("^projects/[^/]+/secrets/[^/]+$");
  private static final Pattern REPOSITORY = Pattern.compile("^projects/[^/]+/locations/[^/]+/repositories/[^/]+$");

  public Change {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(seen, "seen");
    reasons = List.copyOf(reasons);
    switch (kind) {
      case GRANT_ACCESSOR -> {
        // Roles are granted on the secret itself: never on a project, a folder or a version.
        if (!SECRET.matcher(target).matches()) {
          throw new IllegalArgumentException("a grant's target is a secret projects/P/secrets/S, not " + target);
        }
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(role, "role");
      }
      case REPOINT_VERSION, SET_CREDENTIALS -> {
        if (!REPOSITORY.matcher(target).matches()) {
          throw new IllegalArgumentException("not a repository: " + target);
        }
        Objects.requireNonNull(passwordSecretVersion, "passwordSecretVersion");
        if (kind == ChangeKind.SET_CREDENTIALS) {
          Objects.requireNonNull(username, "username");
        }
      }
      default -> throw new IllegalArgumentException(kind.name());
    }
  }

  /** What identifies the change in a journal, whatever its position: kind, target and member. */
  @JsonIgnore
  public String key() {
    return kind + " " + target + (member == null ? "" : " " + member);
  }

  Change withId(int newId) {
    return new Change(newId, kind, target, member, role, username, passwordSecretVersion, mappingLine, seen, reasons);
  }

  Change withSeen(Seen newSeen) {
    return new Change(id, kind, target, member, role, username, passwordSecretVersion, mappingLine, newSeen, reasons);
  }
}
