package dev.arcred.model;

import java.util.List;

/**
 * A remote repository as discovered, without its credentials (Cloud Asset never returns those).
 *
 * @param name {@code projects/{projectId}/locations/{location}/repositories/{repositoryId}}
 * @param projectNumber the number of the repository's project: its service agent is service-{number}@...
 * @param format NPM, MAVEN, ...
 * @param mode REMOTE_REPOSITORY, STANDARD_REPOSITORY, VIRTUAL_REPOSITORY
 * @param upstream a short description of the upstream (npmjs, a URI), for reports
 * @param ancestors nearest first, ending with the organization: projects/N, folders/F..., organizations/O
 */
public record Repository(
    String name,
    String projectId,
    String projectNumber,
    String location,
    String repositoryId,
    String format,
    String mode,
    String upstream,
    List<String> ancestors) {

  public Repository {
    ancestors = List.copyOf(ancestors);
  }

  public ServiceAgent serviceAgent() {
    return ServiceAgent.ofProjectNumber(projectNumber);
  }

  public static String name(String projectId, String location, String repositoryId) {
    return "projects/" + projectId + "/locations/" + location + "/repositories/" + repositoryId;
  }
}
