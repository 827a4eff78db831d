package dev.arcred.emulator;

import com.google.devtools.artifactregistry.v1.ArtifactRegistryGrpc;
import com.google.devtools.artifactregistry.v1.GetRepositoryRequest;
import com.google.devtools.artifactregistry.v1.ListRepositoriesRequest;
import com.google.devtools.artifactregistry.v1.ListRepositoriesResponse;
import com.google.devtools.artifactregistry.v1.Repository;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Artifact Registry v1 (https://cloud.google.com/artifact-registry/docs/reference/rpc/google.devtools.artifactregistry.v1):
 * GetRepository and ListRepositories, credentials included (this API returns the upstream username and
 * passwordSecretVersion). Names are answered with the project ID, whatever form the caller used. Every other method
 * answers UNIMPLEMENTED.
 */
final class ArtifactRegistryService extends ArtifactRegistryGrpc.ArtifactRegistryImplBase {
  static final int LIST_DEFAULT = 100;
  static final int LIST_MAX = 1000;

  private static final Pattern PARENT = Pattern.compile("^projects/([^/]+)/locations/([^/]+)$");
  private static final Pattern REPOSITORY =
      Pattern.compile("^projects/([^/]+)/locations/([^/]+)/repositories/([^/]+)$");

  private final FleetState state;
  private final Denials denials;

  ArtifactRegistryService(FleetState state, Denials denials) {
    this.state = state;
    this.denials = denials;
  }

  @Override
  public void getRepository(GetRepositoryRequest request, StreamObserver<Repository> observer) {
    Errors.answer(observer, () -> repository(request.getName(), "artifactregistry.repositories.get"));
  }

  /**
   * One project and location ({@code locations/-} is INVALID_ARGUMENT, as Google rejects the wildcard). Page size
   * 0 lets the server pick (100 here); "Maximum page size is 1,000": larger values are capped. Filter and order_by
   * are not modelled: UNIMPLEMENTED.
   */
  @Override
  public void listRepositories(ListRepositoriesRequest request, StreamObserver<ListRepositoriesResponse> observer) {
    Errors.answer(observer, () -> {
      Matcher m = PARENT.matcher(request.getParent());
      if (!m.matches()) {
        throw Errors.invalid("Invalid parent: '" + request.getParent()
            + "' (expected projects/{project}/locations/{location})");
      }
      String location = location(m.group(2), request.getParent());
      if (!request.getFilter().isBlank()) {
        throw Errors.unimplemented("filter");
      }
      if (!request.getOrderBy().isBlank()) {
        throw Errors.unimplemented("order_by");
      }
      FleetState.Project project = project(m.group(1), "artifactregistry.repositories.list", request.getParent());
      int size = Pages.size(request.getPageSize(), LIST_DEFAULT, LIST_MAX, false);
      List<Repository> all = state.repositories(project.id(), location);
      Pages.Page<Repository> page = Pages.page(all, Repository::getName, request.getPageToken(),
          "ListRepositories|" + project.id() + "|" + location, size);
      return ListRepositoriesResponse.newBuilder().addAllRepositories(page.items())
          .setNextPageToken(page.nextPageToken()).build();
    });
  }

  Repository repository(String name, String permission) {
    Matcher m = REPOSITORY.matcher(name);
    if (!m.matches()) {
      throw Errors.invalid("Invalid repository name: '" + name
          + "' (expected projects/{project}/locations/{location}/repositories/{repository})");
    }
    location(m.group(2), name);
    FleetState.Project project = project(m.group(1), permission, name);
    String canonical = "projects/" + project.id() + "/locations/" + m.group(2) + "/repositories/" + m.group(3);
    return state.repository(canonical)
        .orElseThrow(() -> Errors.notFound("Requested entity was not found: repository " + canonical));
  }

  FleetState.Project project(String segment, String permission, String resource) {
    if (denials.project(segment)) {
      throw Errors.denied(permission, resource);
    }
    return state.project(segment).orElseThrow(() -> Errors.notFound("Project not found: projects/" + segment));
  }

  private static String location(String location, String name) {
    if (location.equals("-")) {
      throw Errors.invalid("The location wildcard '-' is not supported in " + name
          + ": list each location separately");
    }
    return location;
  }
}
