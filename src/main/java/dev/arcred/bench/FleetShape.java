package dev.arcred.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a fleet file costs to read at the least: the Cloud Asset pages of the three listings arcred makes, and the
 * ListRepositories pages of the project-locations that hold npm remotes. Read from the file, streaming.
 */
record FleetShape(long repositoryAssets, long resourceAssets, long policyAssets, long projectLocations,
    long listRepositoriesPages, String organization) {

  static final int ASSET_PAGE = 1000;
  static final int REPOSITORY_PAGE = 1000;

  static FleetShape of(Path fleet) throws IOException {
    ObjectMapper json = new ObjectMapper();
    long repos = 0;
    long resources = 0;
    long policies = 0;
    String org = "";
    Set<String> npmLocations = new HashSet<>();
    Map<String, Long> reposPerLocation = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(fleet)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode asset = json.readTree(line);
        String type = asset.path("assetType").asText();
        if (asset.has("iamPolicy")) {
          if (type.startsWith("cloudresourcemanager") || type.equals("secretmanager.googleapis.com/Secret")) {
            policies++;
          }
          continue;
        }
        switch (type) {
          case "cloudresourcemanager.googleapis.com/Organization" ->
              org = asset.path("resource").path("data").path("name").asText();
          case "artifactregistry.googleapis.com/Repository" -> {
            repos++;
            JsonNode data = asset.path("resource").path("data");
            String[] name = data.path("name").asText().split("/");
            String pl = name[1] + "/" + name[3];
            reposPerLocation.merge(pl, 1L, Long::sum);
            if (data.path("format").asText().equals("NPM") && data.path("mode").asText().equals("REMOTE_REPOSITORY")) {
              npmLocations.add(pl);
            }
          }
          case "cloudresourcemanager.googleapis.com/Project", "secretmanager.googleapis.com/Secret",
              "secretmanager.googleapis.com/SecretVersion", "iam.googleapis.com/Role" -> resources++;
          default -> { }
        }
      }
    }
    long pages = npmLocations.stream().mapToLong(pl -> pages(reposPerLocation.get(pl), REPOSITORY_PAGE)).sum();
    return new FleetShape(repos, resources, policies, npmLocations.size(), pages, org);
  }

  static long pages(long items, int pageSize) {
    return Math.max(1, (items + pageSize - 1) / pageSize);
  }

  long repositoryPages() {
    return pages(repositoryAssets, ASSET_PAGE);
  }

  long resourcePages() {
    return pages(resourceAssets, ASSET_PAGE);
  }

  long policyPages() {
    return pages(policyAssets, ASSET_PAGE);
  }
}
