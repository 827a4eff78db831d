package dev.arcred.emulator;

import com.google.devtools.artifactregistry.v1.ArtifactRegistryGrpc;
import com.google.devtools.artifactregistry.v1.GetRepositoryRequest;
import com.google.devtools.artifactregistry.v1.ListRepositoriesRequest;
import com.google.devtools.artifactregistry.v1.ListRepositoriesResponse;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.devtools.artifactregistry.v1.UpdateRepositoryRequest;
import com.google.common.base.CaseFormat;
import com.google.protobuf.FieldMask;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.Timestamps;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

  /** Fields a client cannot change: identity, kind, and what the service computes. */
  private static final Set<String> FIXED = Set.of("name", "format", "mode", "create_time", "update_time",
      "size_bytes", "satisfies_pzs", "satisfies_pzi", "registry_uri");

  private final FleetState state;
  private final Denials denials;
  private final Clock clock;

  ArtifactRegistryService(FleetState state, Denials denials, Clock clock) {
    this.state = state;
    this.denials = denials;
    this.clock = clock;
  }

  /**
   * Changes exactly the fields the update mask names (lowerCamelCase or snake_case paths), taking their values from
   * the request, a named field absent from the request being cleared; nothing else changes, and a repository that
   * does not exist is NOT_FOUND (never created). An unknown path is INVALID_ARGUMENT, and so are the fixed fields
   * (name, format, mode, output-only ones). An empty mask is INVALID_ARGUMENT too: the reference does not say what
   * it means, and replacing a whole repository by accident is the worst reading of it.
   */
  @Override
  public void updateRepository(UpdateRepositoryRequest request, StreamObserver<Repository> observer) {
    Errors.answer(observer, () -> {
      Repository current = repository(request.getRepository().getName(), "artifactregistry.repositories.update");
      if (request.getUpdateMask().getPathsCount() == 0) {
        throw Errors.invalid("update_mask is required: name the fields to change");
      }
      FieldMask.Builder mask = FieldMask.newBuilder();
      for (String path : request.getUpdateMask().getPathsList()) {
        String snake = Arrays.stream(path.trim().split("\\."))
            .map(p -> CaseFormat.LOWER_CAMEL.to(CaseFormat.LOWER_UNDERSCORE, p)).collect(Collectors.joining("."));
        if (!FieldMaskUtil.isValid(Repository.class, snake)) {
          throw Errors.invalid("Invalid update_mask path: " + path);
        }
        if (FIXED.contains(snake.split("\\.")[0])) {
          throw Errors.invalid("Field " + path + " cannot be updated");
        }
        mask.addPaths(snake);
      }
      Repository changes = request.getRepository().toBuilder().setName(current.getName()).build();
      FieldMaskUtil.MergeOptions replace = new FieldMaskUtil.MergeOptions()
          .setReplaceMessageFields(true).setReplaceRepeatedFields(true).setReplacePrimitiveFields(true);
      return state.updateRepository(current.getName(), now -> {
        Repository.Builder next = now.toBuilder();
        FieldMaskUtil.merge(mask.build(), changes, next, replace);
        return next.setUpdateTime(Timestamps.fromMillis(clock.millis())).build();
      });
    });
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
