package dev.arcred.emulator;

import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A small organization for the emulator's tests: nested folders, two projects, repositories in two locations, secrets
 * with versions in every state, an alias, a conditional binding, policies on every level and a custom role.
 *
 * <pre>
 * organizations/100000000001          policy: roles/secretmanager.secretAccessor to group:org-readers
 *   folders/200000000001 (platform)
 *     folders/200000000002 (apps)     policy: roles/viewer to group:apps
 *       projects/300000000001 team-a  policy: roles/owner to user:alice
 *         repositories us-central1/npm-remote (latest of npm-token), us-central1/npm-local, europe-west1/docker-hub
 *         secrets npm-token (versions 1 ENABLED, 2 ENABLED, 3 DISABLED; alias current=2; conditional binding),
 *                 empty (no versions)
 *   projects/300000000002 team-b
 *     repositories us-central1/npm-b (team-b tok version 1)
 *     secrets tok (version 1 DESTROYED)
 * </pre>
 */
final class TestFleet {
  static final String ORG = "organizations/100000000001";
  static final String TEAM_A = "300000000001";
  static final String TEAM_B = "300000000002";

  static final String TEXT = """
      {"name":"//cloudresourcemanager.googleapis.com/organizations/100000000001","assetType":"cloudresourcemanager.googleapis.com/Organization","resource":{"version":"v1","data":{"name":"organizations/100000000001","displayName":"example.org","lifecycleState":"ACTIVE"}},"ancestors":["organizations/100000000001"]}
      {"name":"//cloudresourcemanager.googleapis.com/organizations/100000000001","assetType":"cloudresourcemanager.googleapis.com/Organization","iamPolicy":{"version":1,"bindings":[{"role":"roles/secretmanager.secretAccessor","members":["group:org-readers@example.org"]}]},"ancestors":["organizations/100000000001"]}
      {"name":"//cloudresourcemanager.googleapis.com/folders/200000000001","assetType":"cloudresourcemanager.googleapis.com/Folder","resource":{"version":"v1","data":{"name":"folders/200000000001","displayName":"platform","parent":"organizations/100000000001","lifecycleState":"ACTIVE"},"parent":"//cloudresourcemanager.googleapis.com/organizations/100000000001"},"ancestors":["folders/200000000001","organizations/100000000001"]}
      {"name":"//cloudresourcemanager.googleapis.com/folders/200000000002","assetType":"cloudresourcemanager.googleapis.com/Folder","resource":{"version":"v1","data":{"name":"folders/200000000002","displayName":"apps","parent":"folders/200000000001","lifecycleState":"ACTIVE"},"parent":"//cloudresourcemanager.googleapis.com/folders/200000000001"},"ancestors":["folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//cloudresourcemanager.googleapis.com/folders/200000000002","assetType":"cloudresourcemanager.googleapis.com/Folder","iamPolicy":{"version":1,"bindings":[{"role":"roles/viewer","members":["group:apps@example.org"]}]},"ancestors":["folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//cloudresourcemanager.googleapis.com/projects/300000000001","assetType":"cloudresourcemanager.googleapis.com/Project","resource":{"version":"v1","data":{"projectNumber":"300000000001","projectId":"team-a","name":"Team A","lifecycleState":"ACTIVE","parent":{"type":"folder","id":"200000000002"}},"parent":"//cloudresourcemanager.googleapis.com/folders/200000000002"},"ancestors":["projects/300000000001","folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//cloudresourcemanager.googleapis.com/projects/300000000001","assetType":"cloudresourcemanager.googleapis.com/Project","iamPolicy":{"version":1,"bindings":[{"role":"roles/owner","members":["user:alice@example.org"]}]},"ancestors":["projects/300000000001","folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//cloudresourcemanager.googleapis.com/projects/300000000002","assetType":"cloudresourcemanager.googleapis.com/Project","resource":{"version":"v1","data":{"projectNumber":"300000000002","projectId":"team-b","name":"team-b","lifecycleState":"ACTIVE","parent":{"type":"organization","id":"100000000001"}},"parent":"//cloudresourcemanager.googleapis.com/organizations/100000000001"},"ancestors":["projects/300000000002","organizations/100000000001"]}
      {"name":"//iam.googleapis.com/organizations/100000000001/roles/secretReader","assetType":"iam.googleapis.com/Role","resource":{"version":"v1","data":{"name":"organizations/100000000001/roles/secretReader","title":"Secret reader","includedPermissions":["secretmanager.versions.access","secretmanager.versions.get"]},"parent":"//cloudresourcemanager.googleapis.com/organizations/100000000001"},"ancestors":["organizations/100000000001"]}
      {"name":"//artifactregistry.googleapis.com/projects/team-a/locations/us-central1/repositories/npm-remote","assetType":"artifactregistry.googleapis.com/Repository","resource":{"version":"v1","data":{"name":"projects/team-a/locations/us-central1/repositories/npm-remote","format":"NPM","mode":"REMOTE_REPOSITORY","description":"npmjs proxy","labels":{"team":"a"},"createTime":"2025-03-01T00:00:00Z","updateTime":"2025-03-01T00:00:00Z","remoteRepositoryConfig":{"description":"upstream","npmRepository":{"publicRepository":"NPMJS"},"upstreamCredentials":{"usernamePasswordCredentials":{"username":"ci-reader","passwordSecretVersion":"projects/team-a/secrets/npm-token/versions/latest"}}}},"parent":"//cloudresourcemanager.googleapis.com/projects/300000000001","location":"us-central1"},"ancestors":["projects/300000000001","folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//artifactregistry.googleapis.com/projects/team-a/locations/us-central1/repositories/npm-local","assetType":"artifactregistry.googleapis.com/Repository","resource":{"version":"v1","data":{"name":"projects/team-a/locations/us-central1/repositories/npm-local","format":"NPM","mode":"STANDARD_REPOSITORY","createTime":"2025-03-01T00:00:00Z","updateTime":"2025-03-01T00:00:00Z"},"parent":"//cloudresourcemanager.googleapis.com/projects/300000000001","location":"us-central1"},"ancestors":["projects/300000000001","folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//artifactregistry.googleapis.com/projects/team-a/locations/europe-west1/repositories/docker-hub","assetType":"artifactregistry.googleapis.com/Repository","resource":{"version":"v1","data":{"name":"projects/team-a/locations/europe-west1/repositories/docker-hub","format":"DOCKER","mode":"REMOTE_REPOSITORY","remoteRepositoryConfig":{"dockerRepository":{"publicRepository":"DOCKER_HUB"}}},"parent":"//cloudresourcemanager.googleapis.com/projects/300000000001","location":"europe-west1"},"ancestors":["projects/300000000001","folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//artifactregistry.googleapis.com/projects/team-b/locations/us-central1/repositories/npm-b","assetType":"artifactregistry.googleapis.com/Repository","resource":{"version":"v1","data":{"name":"projects/team-b/locations/us-central1/repositories/npm-b","format":"NPM","mode":"REMOTE_REPOSITORY","remoteRepositoryConfig":{"npmRepository":{"customRepository":{"uri":"https://npm.example.org"}},"upstreamCredentials":{"usernamePasswordCredentials":{"username":"bob","passwordSecretVersion":"projects/300000000002/secrets/tok/versions/1"}}}},"parent":"//cloudresourcemanager.googleapis.com/projects/300000000002","location":"us-central1"},"ancestors":["projects/300000000002","organizations/100000000001"]}
      {"name":"//secretmanager.googleapis.com/projects/300000000001/secrets/npm-token","assetType":"secretmanager.googleapis.com/Secret","resource":{"version":"v1","data":{"name":"projects/300000000001/secrets/npm-token","replication":{"automatic":{}},"createTime":"2025-01-01T00:00:00Z","versionAliases":{"current":"2"},"expireTime":"2027-01-01T00:00:00Z"},"parent":"//cloudresourcemanager.googleapis.com/projects/300000000001"},"ancestors":["projects/300000000001","folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//secretmanager.googleapis.com/projects/300000000001/secrets/npm-token","assetType":"secretmanager.googleapis.com/Secret","iamPolicy":{"version":3,"bindings":[{"role":"roles/secretmanager.secretAccessor","members":["serviceAccount:service-300000000001@gcp-sa-artifactregistry.iam.gserviceaccount.com"]},{"role":"roles/secretmanager.secretAccessor","members":["user:temp@example.org"],"condition":{"title":"until 2027","expression":"request.time < timestamp('2027-01-01T00:00:00Z')"}}]},"ancestors":["projects/300000000001","folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//secretmanager.googleapis.com/projects/300000000001/secrets/npm-token/versions/1","assetType":"secretmanager.googleapis.com/SecretVersion","resource":{"version":"v1","data":{"name":"projects/300000000001/secrets/npm-token/versions/1","state":"ENABLED","createTime":"2025-01-01T00:00:00Z"},"parent":"//secretmanager.googleapis.com/projects/300000000001/secrets/npm-token"},"ancestors":["projects/300000000001","folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//secretmanager.googleapis.com/projects/300000000001/secrets/npm-token/versions/2","assetType":"secretmanager.googleapis.com/SecretVersion","resource":{"version":"v1","data":{"name":"projects/300000000001/secrets/npm-token/versions/2","state":"ENABLED","createTime":"2025-02-01T00:00:00Z"},"parent":"//secretmanager.googleapis.com/projects/300000000001/secrets/npm-token"},"ancestors":["projects/300000000001","folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//secretmanager.googleapis.com/projects/300000000001/secrets/npm-token/versions/3","assetType":"secretmanager.googleapis.com/SecretVersion","resource":{"version":"v1","data":{"name":"projects/300000000001/secrets/npm-token/versions/3","state":"DISABLED","createTime":"2025-03-01T00:00:00Z"},"parent":"//secretmanager.googleapis.com/projects/300000000001/secrets/npm-token"},"ancestors":["projects/300000000001","folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//secretmanager.googleapis.com/projects/300000000001/secrets/empty","assetType":"secretmanager.googleapis.com/Secret","resource":{"version":"v1","data":{"name":"projects/300000000001/secrets/empty","replication":{"automatic":{}},"createTime":"2025-01-01T00:00:00Z"},"parent":"//cloudresourcemanager.googleapis.com/projects/300000000001"},"ancestors":["projects/300000000001","folders/200000000002","folders/200000000001","organizations/100000000001"]}
      {"name":"//secretmanager.googleapis.com/projects/300000000002/secrets/tok","assetType":"secretmanager.googleapis.com/Secret","resource":{"version":"v1","data":{"name":"projects/300000000002/secrets/tok","replication":{"automatic":{}},"createTime":"2025-01-01T00:00:00Z"},"parent":"//cloudresourcemanager.googleapis.com/projects/300000000002"},"ancestors":["projects/300000000002","organizations/100000000001"]}
      {"name":"//secretmanager.googleapis.com/projects/300000000002/secrets/tok/versions/1","assetType":"secretmanager.googleapis.com/SecretVersion","resource":{"version":"v1","data":{"name":"projects/300000000002/secrets/tok/versions/1","state":"DESTROYED","createTime":"2025-01-01T00:00:00Z","destroyTime":"2026-01-01T00:00:00Z"},"parent":"//secretmanager.googleapis.com/projects/300000000002/secrets/tok"},"ancestors":["projects/300000000002","organizations/100000000001"]}
      """;

  private TestFleet() {}

  static FleetState state() {
    try {
      return FleetState.parse("test-fleet.ndjson", TEXT);
    } catch (FleetException e) {
      throw new AssertionError(e);
    }
  }

  /** The shared cases folder (surefire sets arcred.sharedDir), if present. */
  static Optional<Path> cases() {
    String dir = System.getProperty("arcred.sharedDir");
    if (dir == null) {
      return Optional.empty();
    }
    Path cases = Path.of(dir, "cases");
    return Files.isDirectory(cases) ? Optional.of(cases) : Optional.empty();
  }

  /** An emulator serving the test fleet and the real Google clients pointed at it. */
  record Running(Emulator emulator, GoogleClients clients) implements AutoCloseable {
    static Running start(EmulatorOptions options) {
      return start(state(), options);
    }

    static Running start(FleetState state, EmulatorOptions options) {
      Emulator emulator = Emulator.start(state, options);
      return new Running(emulator, GoogleClients.connect(Connection.emulator(emulator.endpoint())));
    }

    @Override
    public void close() {
      clients.close();
      emulator.close();
    }
  }
}
