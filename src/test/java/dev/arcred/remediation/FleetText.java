package dev.arcred.remediation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small fleets for the remediation tests, written as fleet files (FLEET-FORMAT.md): an organization 900000000001,
 * projects directly under it, secrets with versions and policies, npm remote repositories with credentials.
 */
final class FleetText {
  static final String ORG = "900000000001";
  static final String ACCESSOR = "roles/secretmanager.secretAccessor";

  private final List<String> lines = new ArrayList<>();
  private final Map<String, String> numbers = new LinkedHashMap<>();

  FleetText() {
    lines.add("{\"name\":\"//cloudresourcemanager.googleapis.com/organizations/" + ORG + "\",\"assetType\":"
        + "\"cloudresourcemanager.googleapis.com/Organization\",\"resource\":{\"version\":\"v1\",\"data\":{\"name\":"
        + "\"organizations/" + ORG + "\",\"displayName\":\"example.org\",\"lifecycleState\":\"ACTIVE\"}},"
        + "\"ancestors\":[\"organizations/" + ORG + "\"]}");
  }

  static String agent(String projectNumber) {
    return "serviceAccount:service-" + projectNumber + "@gcp-sa-artifactregistry.iam.gserviceaccount.com";
  }

  static String q(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private String ancestors(String number) {
    return "[\"projects/" + number + "\",\"organizations/" + ORG + "\"]";
  }

  FleetText project(String id, String number) {
    numbers.put(id, number);
    lines.add("{\"name\":\"//cloudresourcemanager.googleapis.com/projects/" + number + "\",\"assetType\":"
        + "\"cloudresourcemanager.googleapis.com/Project\",\"resource\":{\"version\":\"v1\",\"data\":{\"projectNumber\":"
        + q(number) + ",\"projectId\":" + q(id) + ",\"lifecycleState\":\"ACTIVE\",\"parent\":{\"type\":"
        + "\"organization\",\"id\":\"" + ORG + "\"}},\"parent\":\"//cloudresourcemanager.googleapis.com/organizations/"
        + ORG + "\"},\"ancestors\":" + ancestors(number) + "}");
    return this;
  }

  /** A secret with versions (1, 2, ... in the states given). */
  FleetText secret(String projectId, String secret, String... states) {
    String number = numbers.get(projectId);
    String name = "projects/" + number + "/secrets/" + secret;
    lines.add("{\"name\":\"//secretmanager.googleapis.com/" + name + "\",\"assetType\":\"secretmanager.googleapis.com/"
        + "Secret\",\"resource\":{\"version\":\"v1\",\"data\":{\"name\":" + q(name) + ",\"replication\":{\"automatic\":"
        + "{}},\"createTime\":\"2025-01-01T00:00:00Z\"},\"parent\":\"//cloudresourcemanager.googleapis.com/projects/"
        + number + "\"},\"ancestors\":" + ancestors(number) + "}");
    for (int i = 0; i < states.length; i++) {
      String v = name + "/versions/" + (i + 1);
      lines.add("{\"name\":\"//secretmanager.googleapis.com/" + v + "\",\"assetType\":\"secretmanager.googleapis.com/"
          + "SecretVersion\",\"resource\":{\"version\":\"v1\",\"data\":{\"name\":" + q(v) + ",\"state\":" + q(states[i])
          + ",\"createTime\":\"2025-01-01T00:00:00Z\"},\"parent\":\"//secretmanager.googleapis.com/" + name + "\"},"
          + "\"ancestors\":" + ancestors(number) + "}");
    }
    return this;
  }

  /** A binding, for {@link #policy}: role, members, and an optional condition title and expression. */
  static String binding(String role, String... members) {
    StringBuilder m = new StringBuilder();
    for (String member : members) {
      m.append(m.isEmpty() ? "" : ",").append(q(member));
    }
    return "{\"role\":" + q(role) + ",\"members\":[" + m + "]}";
  }

  static String conditional(String role, String title, String expression, String... members) {
    String plain = binding(role, members);
    return plain.substring(0, plain.length() - 1) + ",\"condition\":{\"title\":" + q(title) + ",\"expression\":"
        + q(expression) + "}}";
  }

  FleetText secretPolicy(String projectId, String secret, String... bindings) {
    String number = numbers.get(projectId);
    String name = "projects/" + number + "/secrets/" + secret;
    lines.add("{\"name\":\"//secretmanager.googleapis.com/" + name + "\",\"assetType\":\"secretmanager.googleapis.com/"
        + "Secret\",\"iamPolicy\":{\"version\":3,\"bindings\":[" + String.join(",", bindings) + "]},\"ancestors\":"
        + ancestors(number) + "}");
    return this;
  }

  /** An npm remote repository; username and reference may be null (absent) and credentials null (no block). */
  FleetText repository(String projectId, String location, String id, String username, String reference) {
    String number = numbers.get(projectId);
    String name = "projects/" + projectId + "/locations/" + location + "/repositories/" + id;
    String credentials = "";
    if (username != null || reference != null) {
      List<String> fields = new ArrayList<>();
      if (username != null) {
        fields.add("\"username\":" + q(username));
      }
      if (reference != null) {
        fields.add("\"passwordSecretVersion\":" + q(reference));
      }
      credentials = ",\"upstreamCredentials\":{\"usernamePasswordCredentials\":{" + String.join(",", fields) + "}}";
    }
    lines.add("{\"name\":\"//artifactregistry.googleapis.com/" + name + "\",\"assetType\":\"artifactregistry."
        + "googleapis.com/Repository\",\"resource\":{\"version\":\"v1\",\"data\":{\"name\":" + q(name) + ",\"format\":"
        + "\"NPM\",\"mode\":\"REMOTE_REPOSITORY\",\"description\":\"npm proxy\",\"labels\":{\"team\":\"t\"},"
        + "\"createTime\":\"2025-03-01T00:00:00Z\",\"updateTime\":\"2025-03-01T00:00:00Z\",\"remoteRepositoryConfig\":"
        + "{\"description\":\"upstream\",\"npmRepository\":{\"publicRepository\":\"NPMJS\"}" + credentials + "}},"
        + "\"parent\":\"//cloudresourcemanager.googleapis.com/projects/" + number + "\",\"location\":" + q(location)
        + "},\"ancestors\":" + ancestors(number) + "}");
    return this;
  }

  String text() {
    return String.join("\n", lines) + "\n";
  }
}
