package dev.arcred.inventory;

import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.devtools.artifactregistry.v1.RemoteRepositoryConfig;
import com.google.iam.v1.Policy;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.arcred.model.Binding;
import dev.arcred.model.Credentials;
import dev.arcred.model.SecretVersionInfo;
import dev.arcred.model.VersionState;
import java.time.Instant;
import java.util.List;

/** Conversions from the clients' protobuf types to arcred's plain model. The only place both meet. */
final class Protos {
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private Protos() {}

  /** Cloud Asset's resource.data is a Struct holding the owning API's REST representation: parse it as that. */
  @SuppressWarnings("unchecked")
  static <B extends Message.Builder> B fromStruct(Struct data, B builder) {
    try {
      PARSER.merge(PRINTER.print(data), builder);
      return builder;
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("resource.data does not parse as " + builder.getDescriptorForType().getFullName()
          + ": " + e.getMessage(), e);
    }
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static Instant expireTime(Secret secret) {
    return secret.hasExpireTime() ? instant(secret.getExpireTime()) : null;
  }

  static SecretVersionInfo version(SecretVersion v) {
    String name = v.getName();
    long number = Long.parseLong(name.substring(name.lastIndexOf('/') + 1));
    VersionState state = switch (v.getState()) {
      case ENABLED -> VersionState.ENABLED;
      case DISABLED -> VersionState.DISABLED;
      case DESTROYED -> VersionState.DESTROYED;
      default -> VersionState.DISABLED;
    };
    return new SecretVersionInfo(number, state, v.hasScheduledDestroyTime() ? instant(v.getScheduledDestroyTime()) : null);
  }

  static List<Binding> bindings(Policy policy) {
    return policy.getBindingsList().stream()
        .map(b -> new Binding(b.getRole(), b.getMembersList(), b.hasCondition() ? conditionText(b.getCondition()) : null))
        .toList();
  }

  private static String conditionText(com.google.type.Expr expr) {
    return expr.getTitle().isBlank() ? expr.getExpression() : expr.getTitle();
  }

  static Credentials credentials(com.google.devtools.artifactregistry.v1.Repository repository) {
    if (!repository.hasRemoteRepositoryConfig()) {
      return Credentials.NONE;
    }
    RemoteRepositoryConfig.UpstreamCredentials upstream = repository.getRemoteRepositoryConfig().getUpstreamCredentials();
    if (!upstream.hasUsernamePasswordCredentials()) {
      return Credentials.NONE;
    }
    var c = upstream.getUsernamePasswordCredentials();
    return new Credentials(c.getUsername(), c.getPasswordSecretVersion());
  }

  /** npmjs, a custom URI, or a common-repository URI: for people reading reports. */
  static String upstream(com.google.devtools.artifactregistry.v1.Repository repository) {
    if (!repository.hasRemoteRepositoryConfig()) {
      return "";
    }
    RemoteRepositoryConfig config = repository.getRemoteRepositoryConfig();
    if (config.hasNpmRepository()) {
      var npm = config.getNpmRepository();
      if (npm.hasCustomRepository()) {
        return npm.getCustomRepository().getUri();
      }
      return npm.getPublicRepository().name();
    }
    if (config.hasCommonRepository()) {
      return config.getCommonRepository().getUri();
    }
    if (config.hasMavenRepository()) {
      var maven = config.getMavenRepository();
      return maven.hasCustomRepository() ? maven.getCustomRepository().getUri() : maven.getPublicRepository().name();
    }
    if (config.hasPythonRepository()) {
      var py = config.getPythonRepository();
      return py.hasCustomRepository() ? py.getCustomRepository().getUri() : py.getPublicRepository().name();
    }
    if (config.hasDockerRepository()) {
      var docker = config.getDockerRepository();
      return docker.hasCustomRepository() ? docker.getCustomRepository().getUri() : docker.getPublicRepository().name();
    }
    return "";
  }
}
