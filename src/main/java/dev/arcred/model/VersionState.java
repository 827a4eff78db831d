package dev.arcred.model;

/** Secret Manager's SecretVersion.State. */
public enum VersionState {
  ENABLED, DISABLED, DESTROYED
}
