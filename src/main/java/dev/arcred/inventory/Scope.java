package dev.arcred.inventory;

import java.util.regex.Pattern;

/** What an audit covers: an organization, a folder or a project, as Cloud Asset names a scope. */
public record Scope(Kind kind, String id) {
  public enum Kind { ORGANIZATION, FOLDER, PROJECT }

  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,30}");
  private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{1,30}");

  public static Scope organization(String id) {
    return new Scope(Kind.ORGANIZATION, stripPrefix(id, "organizations/"));
  }

  public static Scope folder(String id) {
    return new Scope(Kind.FOLDER, stripPrefix(id, "folders/"));
  }

  public static Scope project(String id) {
    return new Scope(Kind.PROJECT, stripPrefix(id, "projects/"));
  }

  public Scope {
    boolean ok = kind == Kind.PROJECT ? PROJECT_ID.matcher(id).matches() : NUMBER.matcher(id).matches();
    if (!ok) {
      throw new IllegalArgumentException(
          "not a valid " + kind.name().toLowerCase() + " " + (kind == Kind.PROJECT ? "ID or number" : "number")
              + ": '" + id + "'");
    }
  }

  private static String stripPrefix(String id, String prefix) {
    return id.startsWith(prefix) ? id.substring(prefix.length()) : id;
  }

  /** organizations/N, folders/N or projects/ID: the form Cloud Asset's parent and scope fields take. */
  public String resource() {
    return switch (kind) {
      case ORGANIZATION -> "organizations/" + id;
      case FOLDER -> "folders/" + id;
      case PROJECT -> "projects/" + id;
    };
  }

  @Override
  public String toString() {
    return resource();
  }
}
