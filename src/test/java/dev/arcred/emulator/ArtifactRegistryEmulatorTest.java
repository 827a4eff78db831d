package dev.arcred.emulator;

import static dev.arcred.emulator.ApiErrors.code;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.devtools.artifactregistry.v1.ArtifactRegistryClient;
import com.google.devtools.artifactregistry.v1.DeleteRepositoryRequest;
import com.google.devtools.artifactregistry.v1.ListRepositoriesRequest;
import com.google.devtools.artifactregistry.v1.ListRepositoriesResponse;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.devtools.artifactregistry.v1.RemoteRepositoryConfig.UpstreamCredentials;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArtifactRegistryEmulatorTest {
  private static TestFleet.Running run;
  private static ArtifactRegistryClient ar;

  @BeforeAll
  static void start() throws Exception {
    run = TestFleet.Running.start(FleetState.parse("bulk.ndjson", ApiErrors.withBulkRepositories(1200)),
        EmulatorOptions.defaults());
    ar = run.clients().artifactRegistry();
  }

  @AfterAll
  static void stop() {
    run.close();
  }

  @Test
  void answersWithProjectIdsAndCredentialsWhenAskedByNumber() {
    Repository repo = ar.getRepository("projects/300000000001/locations/us-central1/repositories/npm-remote");
    assertThat(repo.getName()).isEqualTo("projects/team-a/locations/us-central1/repositories/npm-remote");
    assertThat(repo.getFormat()).isEqualTo(Repository.Format.NPM);
    assertThat(repo.getMode()).isEqualTo(Repository.Mode.REMOTE_REPOSITORY);
    UpstreamCredentials.UsernamePasswordCredentials credentials =
        repo.getRemoteRepositoryConfig().getUpstreamCredentials().getUsernamePasswordCredentials();
    assertThat(credentials.getUsername()).isEqualTo("ci-reader");
    assertThat(credentials.getPasswordSecretVersion())
        .isEqualTo("projects/team-a/secrets/npm-token/versions/latest");
    assertThat(repo.getLabelsMap()).containsEntry("team", "a");
    assertThat(ar.getRepository("projects/team-a/locations/us-central1/repositories/npm-remote")).isEqualTo(repo);
  }

  @Test
  void listsOneProjectAndLocation() {
    assertThat(ar.listRepositories("projects/300000000001/locations/us-central1").iterateAll())
        .extracting(Repository::getName).containsExactly(
            "projects/team-a/locations/us-central1/repositories/npm-local",
            "projects/team-a/locations/us-central1/repositories/npm-remote");
    assertThat(ar.listRepositories("projects/team-a/locations/europe-west1").iterateAll())
        .extracting(Repository::getName).containsExactly("projects/team-a/locations/europe-west1/repositories/docker-hub");
    assertThat(ar.listRepositories("projects/team-b/locations/us-central1").iterateAll())
        .singleElement().satisfies(r -> assertThat(r.getRemoteRepositoryConfig().getUpstreamCredentials()
            .getUsernamePasswordCredentials().getUsername()).isEqualTo("bob"));
    assertThat(ar.listRepositories("projects/team-b/locations/asia-east1").iterateAll()).isEmpty();
  }

  @Test
  void pagesAreCappedAt1000AndServeEveryRepositoryOnce() {
    ListRepositoriesResponse big = ar.listRepositoriesCallable().call(ListRepositoriesRequest.newBuilder()
        .setParent("projects/team-a/locations/us-east1").setPageSize(5000).build());
    assertThat(big.getRepositoriesCount()).isEqualTo(1000);
    assertThat(big.getNextPageToken()).isNotEmpty();

    List<String> seen = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      ListRepositoriesResponse page = ar.listRepositoriesCallable().call(ListRepositoriesRequest.newBuilder()
          .setParent("projects/300000000001/locations/us-east1").setPageSize(170).setPageToken(token).build());
      assertThat(page.getRepositoriesCount()).isLessThanOrEqualTo(170);
      page.getRepositoriesList().forEach(r -> seen.add(r.getName()));
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());
    assertThat(pages).isEqualTo(8);
    assertThat(seen).hasSize(1200).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).contains("projects/team-a/locations/us-east1/repositories/bulk-0000",
        "projects/team-a/locations/us-east1/repositories/bulk-1199");
    Set<String> all = new HashSet<>();
    ar.listRepositories("projects/team-a/locations/us-east1").iterateAll().forEach(r -> all.add(r.getName()));
    assertThat(all).hasSize(1200);
  }

  @Test
  void theLocationWildcardIsRefused() {
    assertThat(code(() -> ar.listRepositories("projects/team-a/locations/-").iterateAll().iterator().hasNext()))
        .isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> ar.getRepository("projects/team-a/locations/-/repositories/npm-remote")))
        .isEqualTo(Code.INVALID_ARGUMENT);
  }

  @Test
  void malformedNamesBadTokensAndMissingRepositories() {
    assertThat(code(() -> ar.getRepository("projects/team-a/repositories/npm-remote")))
        .isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> ar.listRepositoriesCallable().call(ListRepositoriesRequest.newBuilder()
        .setParent("projects/team-a/locations/us-east1").setPageToken("garbage").build())))
        .isEqualTo(Code.INVALID_ARGUMENT);
    String otherLocationToken = ar.listRepositoriesCallable().call(ListRepositoriesRequest.newBuilder()
        .setParent("projects/team-a/locations/us-east1").setPageSize(1).build()).getNextPageToken();
    assertThat(code(() -> ar.listRepositoriesCallable().call(ListRepositoriesRequest.newBuilder()
        .setParent("projects/team-a/locations/us-central1").setPageToken(otherLocationToken).build())))
        .isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(code(() -> ar.getRepository("projects/team-a/locations/us-central1/repositories/nope")))
        .isEqualTo(Code.NOT_FOUND);
    assertThat(code(() -> ar.getRepository("projects/team-a/locations/europe-west1/repositories/npm-remote")))
        .isEqualTo(Code.NOT_FOUND);
    assertThat(code(() -> ar.getRepository("projects/nope/locations/us-central1/repositories/npm-remote")))
        .isEqualTo(Code.NOT_FOUND);
  }

  @Test
  void methodsNotServedAreUnimplemented() {
    assertThat(code(() -> ar.deleteRepositoryCallable().call(DeleteRepositoryRequest.newBuilder()
        .setName("projects/team-a/locations/us-central1/repositories/npm-local").build())))
        .isEqualTo(Code.UNIMPLEMENTED);
    assertThat(code(() -> ar.listPackages("projects/team-a/locations/us-central1/repositories/npm-local")
        .iterateAll().iterator().hasNext())).isEqualTo(Code.UNIMPLEMENTED);
    assertThat(run.emulator().state().repository("projects/team-a/locations/us-central1/repositories/npm-local"))
        .isPresent();
  }

  @Test
  void deniedProjectsArePermissionDenied() {
    try (var denied = TestFleet.Running.start(EmulatorOptions.defaults().denyProjects("300000000001"))) {
      ArtifactRegistryClient client = denied.clients().artifactRegistry();
      assertThat(code(() -> client.getRepository("projects/team-a/locations/us-central1/repositories/npm-remote")))
          .isEqualTo(Code.PERMISSION_DENIED);
      assertThat(code(() -> client.listRepositories("projects/team-a/locations/us-central1").iterateAll()
          .iterator().hasNext())).isEqualTo(Code.PERMISSION_DENIED);
      assertThat(client.getRepository("projects/team-b/locations/us-central1/repositories/npm-b").getName())
          .isEqualTo("projects/team-b/locations/us-central1/repositories/npm-b");
    }
  }
}
