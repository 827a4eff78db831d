package dev.arcred.report;

/** The parts of projects/{projectId}/locations/{location}/repositories/{id}, for rows that have only the name. */
final class RepositoryNames {
  private RepositoryNames() {}

  static String project(String name) {
    return part(name, 1);
  }

  static String location(String name) {
    return part(name, 3);
  }

  /** The segment at index, or "" when the name does not have the usual shape. */
  private static String part(String name, int index) {
    String[] parts = name.split("/");
    return parts.length == 6 && parts[0].equals("projects") && parts[2].equals("locations")
        && parts[4].equals("repositories") ? parts[index] : "";
  }
}
