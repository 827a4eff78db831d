package dev.arcred.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.asset.v1.Asset;
import com.google.cloud.asset.v1.AssetServiceGrpc;
import com.google.cloud.asset.v1.ContentType;
import com.google.cloud.asset.v1.ListAssetsRequest;
import com.google.cloud.asset.v1.ListAssetsResponse;
import com.google.cloud.asset.v1.Resource;
import com.google.devtools.artifactregistry.v1.ArtifactRegistryGrpc;
import com.google.devtools.artifactregistry.v1.ListRepositoriesRequest;
import com.google.devtools.artifactregistry.v1.ListRepositoriesResponse;
import com.google.devtools.artifactregistry.v1.RemoteRepositoryConfig;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.iam.v1.Binding;
import com.google.iam.v1.Policy;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.grpc.GrpcService;
import dev.arcred.emulator.FleetState;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the bundled emulator never does, served by a stand-in on loopback: Cloud Asset that does not list the
 * organization itself, and Cloud Asset and Artifact Registry that disagree (a repository deleted but still listed,
 * one created but not listed yet), as the real inventory's lag makes them.
 */
class SnapshotDriftTest {
  static final String ORG = "organizations/700000000001";
  static final String PROJECT_NUMBER = "700000000011";
  static final String PARENT = "//cloudresourcemanager.googleapis.com/projects/" + PROJECT_NUMBER;
  static final List<String> ANCESTORS = List.of("projects/" + PROJECT_NUMBER, ORG);
  static final String US = "projects/team-x/locations/us-central1";

  @TempDir Path tmp;
  Server server;

  @BeforeEach
  void serve() {
    server = Server.builder()
        .port(new InetSocketAddress("127.0.0.1", 0), SessionProtocol.HTTP)
        .service(GrpcService.builder().addService(new Inventory()).addService(new Registry()).build())
        .build();
    server.start().join();
  }

  @AfterEach
  void stop() {
    server.stop().join();
  }

  @Test
  void organizationMadeUpAndRepositoriesFollowArtifactRegistry() throws Exception {
    Path out = tmp.resolve("snap.ndjson");
    InProcess.Run r = CommandLineTest.run("snapshot", "--endpoint",
        "127.0.0.1:" + server.activeLocalPort(SessionProtocol.HTTP), "--org", "700000000001", "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("did not list " + ORG + " itself")
        .contains("left out //artifactregistry.googleapis.com/" + US + "/repositories/deleted: listed by Cloud Asset,"
            + " but Artifact Registry no longer has it")
        .contains(US + "/repositories/created is not (yet) listed by Cloud Asset");

    List<Asset> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      Asset.Builder a = Asset.newBuilder();
      JsonFormat.parser().merge(line, a);
      lines.add(a.build());
    }
    assertThat(lines).extracting(Asset::getName).containsExactly(
        "//cloudresourcemanager.googleapis.com/" + ORG,
        PARENT,
        "//artifactregistry.googleapis.com/" + US + "/repositories/created",
        "//artifactregistry.googleapis.com/" + US + "/repositories/kept",
        PARENT);
    Asset org = lines.get(0);
    assertThat(org.getAncestorsList()).containsExactly(ORG);
    assertThat(org.getResource().getData().getFieldsOrThrow("name").getStringValue()).isEqualTo(ORG);
    for (Asset repo : lines.subList(2, 4)) {
      assertThat(repo.getAncestorsList()).isEqualTo(ANCESTORS);
      assertThat(repo.getResource().getParent()).isEqualTo(PARENT);
      assertThat(repo.getResource().getLocation()).isEqualTo("us-central1");
      assertThat(JsonFormat.printer().print(repo.getResource().getData())).contains("\"username\": \"ci\"");
    }
    // The Cloud Asset line's own fields are kept for a repository it listed.
    assertThat(lines.get(3).getResource().getDiscoveryName()).isEqualTo("Repository");
    assertThat(lines.get(4).getIamPolicy().getBindingsCount()).isEqualTo(1);
    // A fleet the emulator loads.
    assertThat(FleetState.load(out).repositories()).hasSize(2);
  }

  private static Struct data(String... kv) {
    Struct.Builder s = Struct.newBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      s.putFields(kv[i], Value.newBuilder().setStringValue(kv[i + 1]).build());
    }
    return s.build();
  }

  private static Asset repositoryAsset(String id) {
    String name = US + "/repositories/" + id;
    return Asset.newBuilder().setName("//artifactregistry.googleapis.com/" + name)
        .setAssetType("artifactregistry.googleapis.com/Repository")
        .setResource(Resource.newBuilder().setVersion("v1").setDiscoveryName("Repository").setParent(PARENT)
            .setLocation("us-central1").setData(data("name", name, "format", "NPM", "mode", "REMOTE_REPOSITORY")))
        .addAllAncestors(ANCESTORS).build();
  }

  private static Repository repository(String id) {
    return Repository.newBuilder().setName(US + "/repositories/" + id)
        .setFormat(Repository.Format.NPM).setMode(Repository.Mode.REMOTE_REPOSITORY)
        .setRemoteRepositoryConfig(RemoteRepositoryConfig.newBuilder().setUpstreamCredentials(
            RemoteRepositoryConfig.UpstreamCredentials.newBuilder().setUsernamePasswordCredentials(
                RemoteRepositoryConfig.UpstreamCredentials.UsernamePasswordCredentials.newBuilder()
                    .setUsername("ci").setPasswordSecretVersion("projects/team-x/secrets/npm/versions/1"))))
        .build();
  }

  /** Cloud Asset without the organization's own asset, listing a repository Artifact Registry no longer has. */
  static final class Inventory extends AssetServiceGrpc.AssetServiceImplBase {
    @Override
    public void listAssets(ListAssetsRequest request, StreamObserver<ListAssetsResponse> observer) {
      String type = request.getAssetTypes(0);
      List<Asset> assets = new ArrayList<>();
      if (request.getContentType() == ContentType.RESOURCE) {
        if (type.equals("cloudresourcemanager.googleapis.com/Project")) {
          assets.add(Asset.newBuilder().setName(PARENT).setAssetType(type)
              .setResource(Resource.newBuilder().setVersion("v1").setParent("//cloudresourcemanager.googleapis.com/"
                  + ORG).setData(data("projectId", "team-x", "projectNumber", PROJECT_NUMBER)))
              .addAllAncestors(ANCESTORS).build());
        } else if (type.equals("artifactregistry.googleapis.com/Repository")) {
          assets.add(repositoryAsset("deleted"));
          assets.add(repositoryAsset("kept"));
        }
      } else if (type.equals("cloudresourcemanager.googleapis.com/Project")) {
        assets.add(Asset.newBuilder().setName(PARENT).setAssetType(type)
            .setIamPolicy(Policy.newBuilder().setVersion(3).addBindings(
                Binding.newBuilder().setRole("roles/viewer").addMembers("group:x@example.com")))
            .addAllAncestors(ANCESTORS).build());
      }
      observer.onNext(ListAssetsResponse.newBuilder().addAllAssets(assets).build());
      observer.onCompleted();
    }
  }

  /** Artifact Registry with a repository Cloud Asset does not list yet. */
  static final class Registry extends ArtifactRegistryGrpc.ArtifactRegistryImplBase {
    private final Map<String, List<Repository>> byParent = Map.of(US, List.of(repository("kept"),
        repository("created")));

    @Override
    public void listRepositories(ListRepositoriesRequest request, StreamObserver<ListRepositoriesResponse> observer) {
      observer.onNext(ListRepositoriesResponse.newBuilder()
          .addAllRepositories(byParent.getOrDefault(request.getParent(), List.of())).build());
      observer.onCompleted();
    }
  }
}
