package dev.arcred.emulator.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/** The upstreams npm remotes proxy, how often each occurs, and the token each one needs. */
enum Upstream {
  NPMJS(52, "npm-token", GroupToken.NPMJS, "npmjs.org (read-only automation token)",
      new String[] {"npmjs-proxy", "npm-remote", "npmjs", "npmjs-mirror", "npm-public"},
      new String[] {"ci-reader", "npm-automation", "megacorp-ci"}),
  GITHUB(20, "github-token", GroupToken.GITHUB, "@megacorp packages on GitHub Packages",
      new String[] {"github-packages", "npm-github", "gh-npm"},
      new String[] {"megacorp-bot", "gh-packages-reader"}),
  ARTIFACTORY(12, "artifactory-token", GroupToken.ARTIFACTORY, "JFrog Artifactory npm virtual",
      new String[] {"artifactory-npm", "jfrog-npm"},
      new String[] {"svc-artifactory-ro"}),
  VERDACCIO(9, "verdaccio-token", GroupToken.VERDACCIO, "Internal Verdaccio registry",
      new String[] {"verdaccio-internal", "npm-internal-mirror"},
      new String[] {"registry-reader"}),
  FONTAWESOME(3, "fontawesome-token", null, "Font Awesome Pro",
      new String[] {"fontawesome-pro"},
      new String[] {"megacorp-web"}),
  PARTNER(2, "partner-registry-token", null, "Partner SDKs",
      new String[] {"partner-registry", "npm-partner"},
      new String[] {"megacorp-partner"}),
  YARN(2, "yarn-token", null, "Yarn registry mirror",
      new String[] {"yarn-registry", "npm-yarn"},
      new String[] {"yarn-mirror"});

  private static final int TOTAL_WEIGHT = 100;

  final int weight;
  /** The ID of a project's own secret for this upstream. */
  final String ownSecret;
  /** The business unit's token in the central project, or null when only projects hold such tokens. */
  final GroupToken groupToken;
  final String description;
  final String[] names;
  final String[] usernames;

  Upstream(int weight, String ownSecret, GroupToken groupToken, String description, String[] names, String[] usernames) {
    this.weight = weight;
    this.ownSecret = ownSecret;
    this.groupToken = groupToken;
    this.description = description;
    this.names = names;
    this.usernames = usernames;
  }

  boolean central() {
    return groupToken != null;
  }

  static Upstream pick(Random r) {
    int n = r.nextInt(TOTAL_WEIGHT);
    for (Upstream u : values()) {
      if (n < u.weight) {
        return u;
      }
      n -= u.weight;
    }
    throw new AssertionError("weights add up to " + TOTAL_WEIGHT);
  }

  /** The upstream whose business-unit token is {@code token} (one of the npm ones). */
  static Upstream of(GroupToken token) {
    for (Upstream u : values()) {
      if (u.groupToken == token) {
        return u;
      }
    }
    throw new IllegalArgumentException("no npm upstream uses " + token);
  }

  /** The remote source, as in the Artifact Registry REST representation. */
  void source(ObjectNode config) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (this) {
      case NPMJS -> config.putObject("npmRepository").put("publicRepository", "NPMJS");
      case GITHUB -> custom(config, "https://npm.pkg.github.com");
      case ARTIFACTORY -> config.set("commonRepository",
          f.objectNode().put("uri", "https://megacorp.jfrog.io/artifactory/api/npm/npm-virtual"));
      case VERDACCIO -> custom(config, "https://npm.internal." + Organization.DOMAIN + "/");
      case FONTAWESOME -> custom(config, "https://npm.fontawesome.com/");
      case PARTNER -> custom(config, "https://npm.partner.example.com/");
      case YARN -> config.set("commonRepository", f.objectNode().put("uri", "https://registry.yarnpkg.com"));
      default -> throw new AssertionError(this);
    }
  }

  private static void custom(ObjectNode config, String uri) {
    config.putObject("npmRepository").putObject("customRepository").put("uri", uri);
  }

  /** The tokens each business unit keeps in the central secrets project. */
  enum GroupToken {
    NPMJS("npmjs-token"),
    GITHUB("github-packages-token"),
    ARTIFACTORY("artifactory-npm-token"),
    VERDACCIO("verdaccio-token"),
    DOCKERHUB("dockerhub-token"),
    PYPI("pypi-token");

    final String prefix;

    GroupToken(String prefix) {
      this.prefix = prefix;
    }

    String secretId(int group) {
      return prefix + "-bu" + String.format("%03d", group);
    }
  }
}
