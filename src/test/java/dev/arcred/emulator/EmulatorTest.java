package dev.arcred.emulator;

import static dev.arcred.emulator.ApiErrors.code;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.cloud.asset.v1.ContentType;
import com.google.cloud.asset.v1.ListAssetsRequest;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.devtools.artifactregistry.v1.Repository;
import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class EmulatorTest {
  private static final String SM = "google.cloud.secretmanager.v1.SecretManagerService/";

  @Test
  void countsCallsPerMethodWhateverTheirOutcome() {
    try (var run = TestFleet.Running.start(EmulatorOptions.defaults())) {
      var sm = run.clients().secretManager();
      sm.getSecret("projects/team-a/secrets/npm-token");
      sm.getSecret("projects/team-a/secrets/npm-token");
      code(() -> sm.getSecret("projects/team-a/secrets/nope"));
      sm.accessSecretVersion("projects/team-a/secrets/npm-token/versions/1");
      code(() -> sm.createSecret("projects/team-a", "x", Secret.getDefaultInstance()));
      run.clients().artifactRegistry().getRepository("projects/team-a/locations/us-central1/repositories/npm-local");

      CallCounter calls = run.emulator().calls();
      assertThat(calls.count(SM + "GetSecret")).isEqualTo(3);
      assertThat(calls.count(SM + "AccessSecretVersion")).isEqualTo(1);
      assertThat(calls.count(SM + "CreateSecret")).isEqualTo(1);
      assertThat(calls.count(SM + "ListSecrets")).isZero();
      assertThat(calls.snapshot()).containsExactly(
          java.util.Map.entry(SM + "AccessSecretVersion", 1L),
          java.util.Map.entry(SM + "CreateSecret", 1L),
          java.util.Map.entry(SM + "GetSecret", 3L),
          java.util.Map.entry("google.devtools.artifactregistry.v1.ArtifactRegistry/GetRepository", 1L));
      assertThat(calls.total()).isEqualTo(6);
      calls.reset();
      assertThat(calls.total()).isZero();
      assertThat(calls.snapshot()).isEmpty();
    }
  }

  @Test
  void bindsLoopbackOnlyOnTheRequestedPort() throws Exception {
    int free;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      free = probe.getLocalPort();
    }
    try (Emulator emulator = Emulator.start(TestFleet.state(), EmulatorOptions.defaults().withPort(free))) {
      assertThat(emulator.port()).isEqualTo(free);
      assertThat(emulator.endpoint()).isEqualTo("127.0.0.1:" + free);
      assertThat(emulator.state().organization()).isEqualTo(TestFleet.ORG);
    }
    try (Emulator ephemeral = Emulator.start(TestFleet.state(), EmulatorOptions.defaults())) {
      assertThat(ephemeral.port()).isPositive();
      assertThat(ephemeral.endpoint()).startsWith("127.0.0.1:");
      ephemeral.close();
      ephemeral.close(); // idempotent
    }
  }

  @Test
  void stateChangesAreServedAtOnce() {
    try (var run = TestFleet.Running.start(EmulatorOptions.defaults())) {
      String name = "projects/team-a/locations/us-central1/repositories/npm-local";
      run.emulator().state().updateRepository(name, r -> r.toBuilder().setDescription("changed").build());
      Repository served = run.clients().artifactRegistry().getRepository(name);
      assertThat(served.getDescription()).isEqualTo("changed");
    }
  }

  @Test
  void servesRestJsonToo() throws Exception {
    try (Emulator emulator = Emulator.start(TestFleet.state(), EmulatorOptions.defaults())) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + emulator.endpoint()
          + "/v1/projects/team-a/secrets/npm-token")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("projects/300000000001/secrets/npm-token");
      HttpResponse<String> policy = http.send(HttpRequest.newBuilder(URI.create("http://" + emulator.endpoint()
          + "/v1/projects/team-a/secrets/npm-token:getIamPolicy?options.requestedPolicyVersion=3")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(policy.body()).contains("\"version\":3").contains("until 2027");
    }
  }

  /** Each shared case is served: Cloud Asset finds its repositories, Artifact Registry returns each one. */
  @Test
  void servesEverySharedCase() throws Exception {
    Path cases = TestFleet.cases().orElse(null);
    Assumptions.assumeTrue(cases != null, "no shared cases folder (system property arcred.sharedDir)");
    List<Path> fleets;
    try (Stream<Path> dirs = Files.list(cases)) {
      fleets = dirs.map(d -> d.resolve("fleet.ndjson")).filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : fleets) {
      try (Emulator emulator = Emulator.start(FleetState.load(file), EmulatorOptions.defaults());
          GoogleClients clients = GoogleClients.connect(Connection.emulator(emulator.endpoint()))) {
        var assets = clients.asset().listAssets(ListAssetsRequest.newBuilder()
            .setParent(emulator.state().organization()).setContentType(ContentType.RESOURCE)
            .addAssetTypes(FleetState.REPOSITORY).build()).iterateAll();
        int found = 0;
        for (var a : assets) {
          String name = a.getResource().getData().getFieldsOrThrow("name").getStringValue();
          assertThat(clients.artifactRegistry().getRepository(name).getName()).as(file.toString()).isEqualTo(name);
          found++;
        }
        assertThat(found).as(file.toString()).isEqualTo(emulator.state().repositories().size()).isPositive();
      }
    }
  }
}
