package dev.arcred.emulator.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.asset.v1.Asset;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetGeneratorTest {
  /** 2,000 npm remotes in 400 projects, 20 folders, 3 locations, seed 1: the benchmark's shape, smaller. */
  static final FleetSpec SPEC = FleetSpec.of(2000);
  static final ObjectMapper JSON = new ObjectMapper();

  static String text;
  static FleetSummary summary;
  static FleetReading fleet;

  @BeforeAll
  static void generate() throws IOException {
    StringWriter out = new StringWriter();
    summary = new FleetGenerator(SPEC).write(out);
    text = out.toString();
    fleet = FleetReading.of(text);
  }

  static String generate(FleetSpec spec) throws IOException {
    StringWriter out = new StringWriter();
    new FleetGenerator(spec).write(out);
    return out.toString();
  }

  static List<JsonNode> npmRemotes(FleetReading f) {
    return f.repositories.stream().map(l -> l.path("resource").path("data")).filter(FleetReading::isNpmRemote).toList();
  }

  // --- determinism

  @Test
  void theSameSpecGivesTheSameBytes() throws IOException {
    assertThat(generate(SPEC)).isEqualTo(text);
  }

  @Test
  void anotherSeedGivesAnotherFleetWithTheSameCounts() throws IOException {
    StringWriter out = new StringWriter();
    FleetSummary other = new FleetGenerator(SPEC.withSeed(2)).write(out);
    assertThat(out.toString()).isNotEqualTo(text);
    assertThat(other.expectedCounts()).isEqualTo(summary.expectedCounts());
    assertThat(other.npmRemotes()).isEqualTo(2000);
  }

  @Test
  void writesAFileAndItsExpectedCountsAtomically(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("fleets/fleet-2k.ndjson");
    FleetSummary written = new FleetGenerator(SPEC).write(file);

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(text);
    assertThat(written.bytes()).isEqualTo(Files.size(file)).isEqualTo(summary.bytes());
    Path counts = dir.resolve("fleets/fleet-2k.expected.csv");
    assertThat(FleetGenerator.expectedCountsPath(file)).isEqualTo(counts);
    List<String> rows = Files.readAllLines(counts);
    assertThat(rows.get(0)).isEqualTo("rule,count");
    Map<String, Integer> parsed = new TreeMap<>();
    rows.stream().skip(1).map(r -> r.split(",")).forEach(r -> parsed.put(r[0], Integer.valueOf(r[1])));
    assertThat(parsed).isEqualTo(summary.expectedCounts());
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary file left").containsExactlyInAnyOrder("fleet-2k.ndjson", "fleet-2k.expected.csv");
    }
    // Written again over itself: replaced whole.
    new FleetGenerator(SPEC.withSeed(3)).write(file);
    assertThat(Files.readString(file)).isNotEqualTo(text);
  }

  // --- format

  @Test
  void everyLineParsesAsACloudAssetAndItsDataAsTheApiResource() throws IOException {
    JsonFormat.Parser parser = JsonFormat.parser();
    Map<String, Integer> types = new TreeMap<>();
    for (String line : text.split("\n")) {
      Asset.Builder asset = Asset.newBuilder();
      parser.merge(line, asset);
      assertThat(asset.getName()).startsWith("//");
      assertThat(asset.getAncestorsList()).isNotEmpty();
      assertThat(asset.hasResource()).as(line).isNotEqualTo(asset.hasIamPolicy());
      if (asset.hasIamPolicy()) {
        assertThat(asset.getIamPolicy().getVersion()).isEqualTo(3);
        assertThat(asset.getIamPolicy().getBindingsList()).allSatisfy(b -> assertThat(b.getMembersList()).isNotEmpty());
        continue;
      }
      types.merge(asset.getAssetType(), 1, Integer::sum);
      String data = JSON.readTree(line).path("resource").path("data").toString();
      Message.Builder typed = switch (asset.getAssetType()) {
        case AssetLines.REPOSITORY -> Repository.newBuilder();
        case AssetLines.SECRET -> Secret.newBuilder();
        case AssetLines.SECRET_VERSION -> SecretVersion.newBuilder();
        default -> null;
      };
      if (typed != null) {
        parser.merge(data, typed); // strict: an unknown field or a bad enum value fails
      }
    }
    assertThat(text).endsWith("\n").doesNotContain("\r");
    assertThat(text.chars().allMatch(c -> c < 128)).as("ASCII").isTrue();
    assertThat(types.keySet()).containsExactlyInAnyOrder(AssetLines.ORGANIZATION, AssetLines.FOLDER,
        AssetLines.PROJECT, AssetLines.ROLE, AssetLines.SECRET, AssetLines.SECRET_VERSION, AssetLines.REPOSITORY);
    assertThat(summary.lines()).isEqualTo(text.split("\n").length);
  }

  // --- sizes

  @Test
  void hasTheAskedNumbersOfRepositoriesProjectsFoldersAndLocations() {
    List<JsonNode> npm = npmRemotes(fleet);
    assertThat(npm).hasSize(2000);
    assertThat(fleet.projects).hasSize(400);
    assertThat(fleet.folderParents).hasSize(20);
    Set<String> locations = fleet.repositories.stream().map(l -> l.path("resource").path("location").asText())
        .collect(Collectors.toSet());
    assertThat(locations).containsExactlyInAnyOrder("us-central1", "europe-west1", "asia-east1");
    int others = fleet.repositories.size() - npm.size();
    assertThat(others).isEqualTo(summary.otherRepositories()).isBetween(300, 500); // about 20% more
    assertThat(summary.npmRemotes()).isEqualTo(2000);
    assertThat(summary.projects()).isEqualTo(400);
    assertThat(summary.folders()).isEqualTo(20);
    assertThat(summary.secrets()).isEqualTo(fleet.secrets.size());
    assertThat(summary.secretVersions()).isEqualTo(fleet.versions.values().stream().mapToInt(Map::size).sum());
    Set<String> otherKinds = fleet.repositories.stream().map(l -> l.path("resource").path("data"))
        .filter(d -> !FleetReading.isNpmRemote(d)).map(d -> d.path("format").asText() + " " + d.path("mode").asText())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(otherKinds).contains("NPM STANDARD_REPOSITORY", "NPM VIRTUAL_REPOSITORY", "DOCKER REMOTE_REPOSITORY",
        "MAVEN REMOTE_REPOSITORY", "PYTHON REMOTE_REPOSITORY");
  }

  // --- faults and expected counts

  @Test
  void everyFaultKindIsPlantedInTwoPercentOfTheRepositories() {
    assertThat(FaultKind.perKind(2000)).isEqualTo(40);
    assertThat(summary.faults()).hasSize(15).allSatisfy((kind, n) -> assertThat(n).as(kind.name()).isEqualTo(40));
    Map<String, Integer> expected = new TreeMap<>();
    for (FaultKind kind : FaultKind.values()) {
      expected.put(kind.name(), 40);
    }
    expected.put("SECRET_VERSION_DISABLED", 80); // its own 40 and the 40 scheduled for destruction
    expected.put("CHECK_ERROR", 0);
    expected.put("AUDITED", 2000);
    assertThat(summary.expectedCounts()).isEqualTo(expected);
    assertThat(summary.audited()).isEqualTo(2000);
  }

  @Test
  void anIndependentReadingOfTheRulesFindsExactlyTheExpectedCounts() {
    for (Instant now : List.of(SPEC.now(), SPEC.now().plus(Duration.ofDays(200)))) {
      Map<String, Set<String>> findings = fleet.audit(now);
      assertThat(FleetReading.counts(findings)).as("at " + now).isEqualTo(withoutZeros(summary.expectedCounts()));
      Set<Set<String>> allowed = new HashSet<>();
      allowed.add(Set.of());
      for (FaultKind kind : FaultKind.values()) {
        allowed.add(Set.copyOf(kind.findings()));
      }
      assertThat(findings.values()).as("each repository healthy or broken by one fault").allMatch(allowed::contains);
    }
  }

  @Test
  void directRecountsFromTheFileAgree() {
    Map<String, Integer> recount = new TreeMap<>();
    Set<String> expiring = new HashSet<>();
    for (Map.Entry<String, JsonNode> s : fleet.secrets.entrySet()) {
      JsonNode expire = s.getValue().path("expireTime");
      if (!expire.isMissingNode() && Instant.parse(expire.asText()).isBefore(SPEC.now().plus(Duration.ofDays(30)))) {
        expiring.add(s.getKey());
      }
    }
    for (JsonNode data : npmRemotes(fleet)) {
      JsonNode creds = FleetReading.credentials(data);
      boolean user = !creds.path("username").asText("").isBlank();
      String ref = creds.path("passwordSecretVersion").asText("");
      if (!user && ref.isBlank()) {
        recount.merge("no credentials", 1, Integer::sum);
      } else if (!user || ref.isBlank()) {
        recount.merge("half the credentials", 1, Integer::sum);
      }
      if (ref.isBlank()) {
        continue;
      }
      Matcher m = FleetReading.REFERENCE.matcher(ref);
      if (!m.matches()) {
        recount.merge("malformed", 1, Integer::sum);
        continue;
      }
      String number = m.group(1).matches("[0-9]+") ? m.group(1) : fleet.ids.get(m.group(1));
      String secret = "projects/" + number + "/secrets/" + m.group(2);
      if (!fleet.secrets.containsKey(secret)) {
        recount.merge("unknown secret", 1, Integer::sum);
        continue;
      }
      if (!m.group(3).matches("[0-9]+")) {
        recount.merge("alias", 1, Integer::sum);
      }
      if (expiring.contains(secret)) {
        recount.merge("expiring", 1, Integer::sum);
      }
    }
    assertThat(recount).containsEntry("no credentials", summary.expectedCounts().get("CREDENTIALS_MISSING"))
        .containsEntry("half the credentials", summary.expectedCounts().get("CREDENTIALS_INCOMPLETE"))
        .containsEntry("malformed", summary.expectedCounts().get("SECRET_REFERENCE_INVALID"))
        .containsEntry("unknown secret", summary.expectedCounts().get("SECRET_NOT_FOUND"))
        .containsEntry("alias", summary.expectedCounts().get("SECRET_VERSION_FLOATING"))
        .containsEntry("expiring", summary.expectedCounts().get("SECRET_EXPIRING"));
    // Expiring secrets are shared: about ten repositories each (40 in 4).
    assertThat(expiring).hasSize(4);
  }

  @Test
  void smallAndOddShapesStayExact() throws IOException {
    for (FleetSpec spec : List.of(
        new FleetSpec(30, 2, 0, 1, 7, FleetSpec.DEFAULT_NOW),
        new FleetSpec(400, 900, 50, 10, 11, FleetSpec.DEFAULT_NOW),
        new FleetSpec(1500, 12, 1, 2, 5, Instant.parse("2030-06-15T12:00:00Z")))) {
      StringWriter out = new StringWriter();
      FleetSummary s = new FleetGenerator(spec).write(out);
      FleetReading f = FleetReading.of(out.toString());
      assertThat(FleetReading.counts(f.audit(spec.now()))).as(spec.toString())
          .isEqualTo(withoutZeros(s.expectedCounts()));
      assertThat(f.projects).hasSize(spec.projects());
      assertThat(f.folderParents).hasSize(spec.folders());
      assertThat(npmRemotes(f)).hasSize(spec.repos());
    }
  }

  @Test
  void aFleetTooSmallForEveryKindIsAllHealthy() throws IOException {
    FleetSummary s = new FleetGenerator(new FleetSpec(10, 3, 2, 3, 1, FleetSpec.DEFAULT_NOW)).write(new StringWriter());
    assertThat(s.faults().values()).containsOnly(0);
    assertThat(s.expectedCounts()).containsEntry("AUDITED", 10).containsEntry("SERVICE_AGENT_NO_ACCESS", 0);
  }

  @Test
  void rejectsImpossibleSpecs() {
    assertThatThrownBy(() -> new FleetSpec(0, 2, 0, 3, 1, FleetSpec.DEFAULT_NOW)).hasMessageContaining("--repos");
    assertThatThrownBy(() -> new FleetSpec(10, 1, 0, 3, 1, FleetSpec.DEFAULT_NOW)).hasMessageContaining("--projects");
    assertThatThrownBy(() -> new FleetSpec(10, 2, -1, 3, 1, FleetSpec.DEFAULT_NOW)).hasMessageContaining("--folders");
    assertThatThrownBy(() -> new FleetSpec(10, 2, 0, 11, 1, FleetSpec.DEFAULT_NOW)).hasMessageContaining("--locations");
    assertThat(FleetSpec.of(10_000).projects()).isEqualTo(2000);
    assertThat(FleetSpec.of(50_000).projects()).isEqualTo(10_000);
    assertThat(FleetSpec.of(1_000).projects()).isEqualTo(200);
  }

  // --- shapes of the field cases

  @Test
  void namesAndAncestorsFollowTheFieldCases() {
    String org = fleet.org;
    assertThat(org).isEqualTo("organizations/700000000001");
    for (JsonNode line : fleet.lines) {
      String name = line.path("name").asText();
      String type = line.path("assetType").asText();
      List<String> ancestors = new ArrayList<>();
      line.path("ancestors").forEach(a -> ancestors.add(a.asText()));
      assertThat(ancestors).as(name).isNotEmpty().last().isEqualTo(org);
      String head = ancestors.get(0);
      if (head.startsWith("projects/")) {
        String number = head.substring("projects/".length());
        assertThat(fleet.projects).as(name).containsKey(number);
        assertThat(ancestors).as(name).isEqualTo(fleet.projectAncestors(number));
        if (line.has("resource") && !type.equals(AssetLines.PROJECT)) {
          String parent = line.path("resource").path("parent").asText();
          assertThat(parent.equals("//cloudresourcemanager.googleapis.com/" + head)
              || parent.startsWith("//secretmanager.googleapis.com/" + head + "/secrets/")).as(name).isTrue();
        }
      } else if (head.startsWith("folders/")) {
        List<String> chain = new ArrayList<>();
        for (String f = head; f.startsWith("folders/"); f = fleet.folderParents.get(f)) {
          chain.add(f);
        }
        chain.add(org);
        assertThat(ancestors).as(name).isEqualTo(chain);
      }
      if (!line.has("resource")) {
        continue;
      }
      JsonNode data = line.path("resource").path("data");
      String resource = FleetReading.resourceName(name);
      switch (type) {
        case AssetLines.PROJECT -> assertThat(resource).isEqualTo("projects/" + data.path("projectNumber").asText());
        case AssetLines.SECRET, AssetLines.SECRET_VERSION -> {
          assertThat(resource).matches("projects/[0-9]+/secrets/[A-Za-z0-9_-]{1,255}(/versions/[1-9][0-9]*)?");
          assertThat(resource).isEqualTo(data.path("name").asText());
          assertThat(head).isEqualTo("projects/" + resource.split("/")[1]);
        }
        case AssetLines.REPOSITORY -> {
          String[] parts = resource.split("/");
          assertThat(parts).hasSize(6);
          assertThat(fleet.ids).as("repository named by project ID").containsKey(parts[1]);
          assertThat(head).isEqualTo("projects/" + fleet.ids.get(parts[1]));
          assertThat(line.path("resource").path("location").asText()).isEqualTo(parts[3]);
          assertThat(resource).isEqualTo(data.path("name").asText());
        }
        default -> assertThat(resource).isEqualTo(data.path("name").asText());
      }
    }
    for (Map<Integer, JsonNode> versions : fleet.versions.values()) {
      assertThat(versions.keySet()).as("versions numbered from 1").isEqualTo(
          Stream.iterate(1, i -> i + 1).limit(versions.size()).collect(Collectors.toSet()));
    }
    assertThat(fleet.versions.keySet()).allMatch(fleet.secrets::containsKey);
  }

  @Test
  void usesEveryFieldTheFieldCasesUse() throws IOException {
    Path cases = Path.of(System.getProperty("arcred.sharedDir", "../shared")).resolve("cases");
    assumeTrue(Files.isDirectory(cases), "no field cases at " + cases.toAbsolutePath());
    Map<String, Set<String>> inCases = new TreeMap<>();
    try (Stream<Path> files = Files.walk(cases)) {
      for (Path file : files.filter(p -> p.getFileName().toString().equals("fleet.ndjson")).toList()) {
        for (String line : Files.readAllLines(file)) {
          JsonNode node = JSON.readTree(line);
          paths(node, "", inCases.computeIfAbsent(kind(node), k -> new TreeSet<>()));
        }
      }
    }
    Map<String, Set<String>> generated = new HashMap<>();
    fleet.lines.forEach(node -> paths(node, "", generated.computeIfAbsent(kind(node), k -> new TreeSet<>())));
    assertThat(inCases).isNotEmpty();
    inCases.forEach((kind, paths) ->
        assertThat(generated.getOrDefault(kind, Set.of())).as(kind).containsAll(paths));
  }

  private static String kind(JsonNode line) {
    return line.path("assetType").asText() + (line.has("iamPolicy") ? " policy" : "");
  }

  private static void paths(JsonNode node, String prefix, Set<String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        if (Set.of("labels", "versionAliases").contains(e.getKey())) {
          out.add(path);
        } else {
          paths(e.getValue(), path, out);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> paths(element, prefix + "[]", out));
    } else {
      out.add(prefix);
    }
  }

  // --- shape: cheap to audit

  @Test
  void projectsKeepTheirRepositoriesInOneLocationAFewInTwo() {
    Map<String, Set<String>> locations = new TreeMap<>(); // project ID -> locations of its npm remotes
    for (JsonNode data : npmRemotes(fleet)) {
      String[] name = data.path("name").asText().split("/");
      locations.computeIfAbsent(name[1], k -> new TreeSet<>()).add(name[3]);
    }
    int projectLocations = locations.values().stream().mapToInt(Set::size).sum();
    assertThat(projectLocations).isEqualTo(summary.projectLocations())
        .isLessThanOrEqualTo((int) (1.2 * SPEC.projects()));
    long twoLocations = locations.values().stream().filter(l -> l.size() == 2).count();
    assertThat(locations.values()).allSatisfy(l -> assertThat(l).hasSizeBetween(1, 2));
    assertThat(twoLocations).as("about a tenth of the projects use a second location")
        .isBetween((long) (0.06 * SPEC.projects()), (long) (0.15 * SPEC.projects()));
    Map<String, Long> homes = new TreeMap<>(); // projects spread evenly over the locations
    locations.values().forEach(l -> l.forEach(loc -> homes.merge(loc, 1L, Long::sum)));
    assertThat(homes.values()).allSatisfy(n -> assertThat(n).isBetween(projectLocations / 3L - 40, projectLocations / 3L + 40));
  }

  @Test
  void aBrokenTokenBreaksAboutTenRepositoriesOfOneKind() {
    Map<String, Set<String>> findings = fleet.audit(SPEC.now());
    Map<String, List<String>> failing = fleet.failingSecrets(findings);
    assertThat(failing).hasSize(summary.failingSecrets());
    assertThat(failing.size()).as("distinct failing secrets").isLessThanOrEqualTo(SPEC.repos() * 3 / 100);
    Set<String> referencedByHealthy = new HashSet<>();
    findings.forEach((repo, rules) -> {
      if (rules.isEmpty() && fleet.referencedSecrets.containsKey(repo)) {
        referencedByHealthy.add(fleet.referencedSecrets.get(repo));
      }
    });
    String central = "projects/" + fleet.ids.get(Organization.CENTRAL_ID) + "/";
    int faulty = 0;
    int inCentral = 0;
    for (Map.Entry<String, List<String>> e : failing.entrySet()) {
      if (referencedByHealthy.contains(e.getKey())) {
        continue; // a unit's healthy token that some repositories reference badly (version, alias)
      }
      faulty++;
      inCentral += e.getKey().startsWith(central) ? 1 : 0;
      List<String> repos = e.getValue();
      assertThat(repos.stream().map(findings::get).distinct()).as(e.getKey() + ": repositories of one kind")
          .hasSize(1);
      if (fleet.secrets.containsKey(e.getKey())) {
        assertThat(repos).as(e.getKey() + " shared by about ten").hasSizeBetween(6, 14);
        Set<String> projects = new HashSet<>();
        repos.forEach(r -> projects.add(r.split("/")[1]));
        assertThat(projects).as(e.getKey() + " in several projects").hasSizeGreaterThan(repos.size() / 2);
      }
    }
    assertThat(faulty).as("faulty secrets: 8 kinds of secret faults, 4 groups each, and missing secrets")
        .isBetween(32, 40);
    assertThat(inCentral).as("most faulty secrets in the central project").isGreaterThan(faulty * 6 / 10);
  }

  // --- realism

  @Test
  void looksLikeARealOrganization() {
    List<JsonNode> npm = npmRemotes(fleet);
    String central = fleet.ids.get(Organization.CENTRAL_ID);
    Map<String, Integer> usesPerSecret = new HashMap<>();
    int toCentral = 0;
    int byNumber = 0;
    int references = 0;
    for (JsonNode data : npm) {
      String ref = FleetReading.credentials(data).path("passwordSecretVersion").asText("");
      Matcher m = FleetReading.REFERENCE.matcher(ref);
      if (!m.matches()) {
        continue;
      }
      references++;
      String number = m.group(1).matches("[0-9]+") ? m.group(1) : fleet.ids.get(m.group(1));
      byNumber += m.group(1).matches("[0-9]+") ? 1 : 0;
      toCentral += number.equals(central) ? 1 : 0;
      usesPerSecret.merge("projects/" + number + "/secrets/" + m.group(2), 1, Integer::sum);
    }
    assertThat(toCentral).as("the central project holds about half the tokens").isBetween(800, 1200);
    assertThat(byNumber).as("references mostly by ID, some by number").isBetween(references / 20, references / 4);
    assertThat(usesPerSecret.entrySet().stream().filter(e -> !e.getKey().startsWith("projects/" + central + "/"))
        .anyMatch(e -> e.getValue() >= 3)).as("a project's token shared by several repositories").isTrue();
    assertThat(usesPerSecret.entrySet().stream().filter(e -> e.getKey().startsWith("projects/" + central + "/"))
        .anyMatch(e -> e.getValue() >= 20)).as("a business unit's token shared widely").isTrue();
    assertThat(fleet.folderParents.values()).as("nested folders").anyMatch(p -> p.startsWith("folders/"));
    assertThat(fleet.projects.values()).as("a project directly under the organization")
        .anyMatch(p -> p.path("parent").path("type").asText().equals("organization"));
    assertThat(fleet.roles.keySet()).anyMatch(r -> r.startsWith("organizations/")).anyMatch(r -> r.startsWith("projects/"));
    assertThat(fleet.policies).containsKey(fleet.org);
    assertThat(text).contains("\"condition\":{").contains("\"allAuthenticatedUsers\"").contains("\"allUsers\"")
        .contains("\"commonRepository\"").contains("\"customRepository\"").contains("\"versionAliases\"")
        .contains("\"scheduledDestroyTime\"").contains("\"destroyTime\"").contains("\"userManaged\"");
    assertThat(npm).as("npm remotes proxy several upstreams").extracting(d -> d.path("remoteRepositoryConfig")
        .path("npmRepository").path("customRepository").path("uri").asText(""))
        .contains("https://npm.pkg.github.com", "");
  }

  private static Map<String, Integer> withoutZeros(Map<String, Integer> counts) {
    Map<String, Integer> out = new TreeMap<>(counts);
    out.values().removeIf(n -> n == 0);
    return out;
  }
}
