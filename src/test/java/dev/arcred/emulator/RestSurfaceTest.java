package dev.arcred.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST/JSON surface as Google's HTTP mappings define it, read with a plain HTTP client. */
class RestSurfaceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Emulator emulator;

  record Answer(int status, JsonNode body) {}

  @BeforeAll
  static void start() {
    emulator = Emulator.start(TestFleet.state(),
        EmulatorOptions.defaults().withRestPort(0).denyProjects("team-b"));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  static Answer send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.restUrl() + path.substring(1)))
        .header("content-type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body().isEmpty() ? "{}" : response.body()));
  }

  static Answer get(String path) throws Exception {
    return send("GET", path, null);
  }

  @Test
  void restIsOnItsOwnPortAndOnTheMainOne() throws Exception {
    assertThat(emulator.restPort()).isPositive().isNotEqualTo(emulator.port());
    assertThat(emulator.restUrl()).isEqualTo("http://127.0.0.1:" + emulator.restPort() + "/");
    HttpResponse<String> main = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + emulator.endpoint()
        + "/v1/projects/team-a/secrets/npm-token")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(main.statusCode()).isEqualTo(200);
  }

  @Test
  void errorsAreWrittenAsGoogleWritesThem() throws Exception {
    Answer missing = get("/v1/projects/team-a/secrets/nope?alt=json");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().get("error").get("code").asInt()).isEqualTo(404);
    assertThat(missing.body().get("error").get("status").asText()).isEqualTo("NOT_FOUND");
    assertThat(missing.body().get("error").get("message").asText()).contains("projects/300000000001/secrets/nope");

    Answer denied = get("/v1/projects/team-b/locations/us-central1/repositories/npm-b");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.body().get("error").get("status").asText()).isEqualTo("PERMISSION_DENIED");

    Answer unimplemented = send("DELETE", "/v1/projects/team-a/locations/us-central1/repositories/npm-remote", null);
    assertThat(unimplemented.status()).isEqualTo(501);
    assertThat(unimplemented.body().get("error").get("status").asText()).isEqualTo("UNIMPLEMENTED");
  }

  @Test
  void secretsVersionsAndPolicies() throws Exception {
    Answer secret = get("/v1/projects/team-a/secrets/npm-token?alt=json&prettyPrint=false");
    assertThat(secret.status()).isEqualTo(200);
    assertThat(secret.body().get("name").asText()).isEqualTo("projects/300000000001/secrets/npm-token");
    assertThat(secret.body().get("versionAliases").get("current").asText()).isEqualTo("2");

    Answer version = get("/v1/projects/team-a/secrets/npm-token/versions/latest");
    assertThat(version.body().get("name").asText()).isEqualTo("projects/300000000001/secrets/npm-token/versions/3");
    assertThat(version.body().get("state").asText()).isEqualTo("DISABLED");

    Answer versions = get("/v1/projects/team-a/secrets/npm-token/versions?pageSize=2");
    assertThat(names(versions.body().get("versions"))).containsExactly(
        "projects/300000000001/secrets/npm-token/versions/3", "projects/300000000001/secrets/npm-token/versions/2");
    String token = versions.body().get("nextPageToken").asText();
    Answer rest = get("/v1/projects/team-a/secrets/npm-token/versions?pageSize=2&pageToken=" + token);
    assertThat(names(rest.body().get("versions"))).containsExactly("projects/300000000001/secrets/npm-token/versions/1");

    Answer secrets = get("/v1/projects/team-a/secrets");
    assertThat(names(secrets.body().get("secrets"))).containsExactly(
        "projects/300000000001/secrets/empty", "projects/300000000001/secrets/npm-token");

    // Version 1 hides the conditional binding; version 3, asked in lowerCamelCase as gcloud does, shows it.
    Answer v1 = get("/v1/projects/team-a/secrets/npm-token:getIamPolicy");
    assertThat(v1.body().toString()).contains("_withcond_").doesNotContain("until 2027");
    Answer v3 = get("/v1/projects/team-a/secrets/npm-token:getIamPolicy?options.requestedPolicyVersion=3");
    assertThat(v3.body().get("version").asInt()).isEqualTo(3);
    assertThat(v3.body().toString()).contains("until 2027");

    String etag = get("/v1/projects/team-a/secrets/empty:getIamPolicy").body().get("etag").asText();
    Answer set = send("POST", "/v1/projects/team-a/secrets/empty:setIamPolicy", """
        {"policy":{"version":3,"etag":"%s","bindings":[{"role":"roles/secretmanager.secretAccessor",
          "members":["serviceAccount:service-300000000001@gcp-sa-artifactregistry.iam.gserviceaccount.com"]}]}}
        """.formatted(etag));
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.body().get("bindings").get(0).get("members").get(0).asText()).startsWith("serviceAccount:service-");
    Answer stale = send("POST", "/v1/projects/team-a/secrets/empty:setIamPolicy",
        "{\"policy\":{\"etag\":\"" + etag + "\",\"bindings\":[]}}");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.body().get("error").get("status").asText()).isEqualTo("ABORTED");
  }

  @Test
  void repositoriesAndTheirLocations() throws Exception {
    String name = "projects/team-a/locations/us-central1/repositories/npm-remote";
    Answer repo = get("/v1/" + name);
    assertThat(repo.body().at("/remoteRepositoryConfig/upstreamCredentials/usernamePasswordCredentials/username")
        .asText()).isEqualTo("ci-reader");

    ((com.fasterxml.jackson.databind.node.ObjectNode) repo.body().at(
        "/remoteRepositoryConfig/upstreamCredentials/usernamePasswordCredentials"))
        .put("username", "ci-reader-2").put("passwordSecretVersion", "projects/team-a/secrets/npm-token/versions/2");
    Answer patched = send("PATCH", "/v1/" + name + "?updateMask=remoteRepositoryConfig.upstreamCredentials."
        + "usernamePasswordCredentials.passwordSecretVersion,remoteRepositoryConfig.upstreamCredentials."
        + "usernamePasswordCredentials.username&alt=json", repo.body().toString());
    assertThat(patched.status()).as(patched.body().toString()).isEqualTo(200);
    assertThat(emulator.state().repository(name).orElseThrow().getRemoteRepositoryConfig().getUpstreamCredentials()
        .getUsernamePasswordCredentials().getPasswordSecretVersion())
        .isEqualTo("projects/team-a/secrets/npm-token/versions/2");

    Answer list = get("/v1/projects/team-a/locations/us-central1/repositories");
    assertThat(names(list.body().get("repositories"))).containsExactly(
        "projects/team-a/locations/us-central1/repositories/npm-local", name);

    for (String version : List.of("v1", "v1beta2")) {
      Answer locations = get("/" + version + "/projects/team-a/locations");
      assertThat(locations.status()).as(version).isEqualTo(200);
      assertThat(locations.body().findValuesAsText("locationId")).as(version)
          .containsExactly("europe-west1", "us-central1");
    }
  }

  @Test
  void cloudAssetSearchesAndLists() throws Exception {
    Answer search = get("/v1/organizations/100000000001:searchAllResources"
        + "?assetTypes=artifactregistry.googleapis.com/Repository&pageSize=500");
    assertThat(search.status()).as(search.body().toString()).isEqualTo(200);
    assertThat(search.body().get("results")).hasSize(4);
    assertThat(search.body().toString()).doesNotContain("ci-reader");

    Answer policies = get("/v1/organizations/100000000001/assets?contentType=IAM_POLICY");
    assertThat(policies.status()).isEqualTo(200);
    assertThat(policies.body().findValuesAsText("name")).contains(
        "//secretmanager.googleapis.com/projects/300000000001/secrets/npm-token");
    assertThat(policies.body().get("assets").get(0).has("iamPolicy")).isTrue();
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.get("name").asText()));
    return names;
  }
}
