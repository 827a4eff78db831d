package dev.arcred.model;

/** The four links of a repository's chain (DESIGN.md), in order, for reports that mark the broken one. */
public enum Link {
  CREDENTIALS("upstream credentials on the repository"),
  SECRET("the referenced secret"),
  VERSION("the resolved secret version"),
  ACCESS("the service agent's read access");

  private final String description;

  Link(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
