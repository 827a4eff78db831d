package dev.arcred.inventory;

import com.google.api.gax.rpc.ApiException;
import com.google.devtools.artifactregistry.v1.ArtifactRegistryClient;
import com.google.devtools.artifactregistry.v1.ListRepositoriesRequest;
import com.google.devtools.artifactregistry.v1.Repository;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads repositories with their upstream credentials from the Artifact Registry API: one ListRepositories call
 * per project and location (up to 1,000 a page; Google rejects the locations/- wildcard).
 *
 * <p>REST reference: https://cloud.google.com/artifact-registry/docs/reference/rest/v1/projects.locations.repositories/list
 */
final class RepositoryReader {
  static final int PAGE_SIZE = 1000;
  static final String LIST_CALL = "ArtifactRegistry.ListRepositories";

  private final ArtifactRegistryClient client;
  private final Retrying retrying;

  RepositoryReader(ArtifactRegistryClient client, Retrying retrying) {
    this.client = client;
    this.retrying = retrying;
  }

  /** Every repository of a project and location. Throws the ApiException of a call that failed after retries. */
  List<Repository> list(String projectId, String location) throws ApiException {
    ListRepositoriesRequest request = ListRepositoriesRequest.newBuilder()
        .setParent("projects/" + projectId + "/locations/" + location)
        .setPageSize(PAGE_SIZE)
        .build();
    List<Repository> all = new ArrayList<>();
    ArtifactRegistryClient.ListRepositoriesPage page = retrying.call(RateLimits.Quota.ARTIFACT_REGISTRY_READ, location, () -> client.listRepositories(request).getPage());
    while (true) {
      page.getValues().forEach(all::add);
      if (!page.hasNextPage()) {
        return all;
      }
      ArtifactRegistryClient.ListRepositoriesPage current = page;
      page = retrying.call(RateLimits.Quota.ARTIFACT_REGISTRY_READ, location, current::getNextPage);
    }
  }
}
