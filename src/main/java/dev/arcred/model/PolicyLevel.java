package dev.arcred.model;

/** Where an allow policy is attached, relative to a secret. */
public enum PolicyLevel {
  SECRET, PROJECT, FOLDER, ORGANIZATION;

  /** The level of a resource name: projects/N/secrets/S, projects/N, folders/F, organizations/O. */
  public static PolicyLevel ofResource(String resource) {
    if (resource.contains("/secrets/")) {
      return SECRET;
    }
    if (resource.startsWith("projects/")) {
      return PROJECT;
    }
    if (resource.startsWith("folders/")) {
      return FOLDER;
    }
    if (resource.startsWith("organizations/")) {
      return ORGANIZATION;
    }
    throw new IllegalArgumentException("not a policy holder: " + resource);
  }
}
