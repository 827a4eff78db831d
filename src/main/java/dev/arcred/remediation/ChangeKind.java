package dev.arcred.remediation;

/** What a change does. Applied in this order: grants first, so a repository is never pointed at a secret its agent cannot read. */
public enum ChangeKind {
  /** Add the repository project's service agent to Secret Accessor's unconditional binding on the secret itself. */
  GRANT_ACCESSOR,
  /** Point the repository at the newest ENABLED version of the same secret (the secret version field only). */
  REPOINT_VERSION,
  /** Set the repository's username and secret version from the credentials mapping (bulk migration). */
  SET_CREDENTIALS;

  /** Grants change a secret's policy; the others change a repository. */
  public boolean onRepository() {
    return this != GRANT_ACCESSOR;
  }
}
