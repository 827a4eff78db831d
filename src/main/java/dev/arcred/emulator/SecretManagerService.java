package dev.arcred.emulator;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsResponse;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceGrpc;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.iam.v1.Binding;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import com.google.protobuf.FieldMask;
import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Secret Manager v1 (https://cloud.google.com/secret-manager/docs/reference/rpc/google.cloud.secretmanager.v1):
 * reads of secrets, versions and secret IAM policies, and AccessSecretVersion for other clients. Every answer names
 * resources with the project number, whatever form the caller used. Every other method answers UNIMPLEMENTED.
 */
final class SecretManagerService extends SecretManagerServiceGrpc.SecretManagerServiceImplBase {
  static final int LIST_DEFAULT = 100;
  static final int LIST_MAX = 25000;

  private static final Pattern PROJECT = Pattern.compile("^projects/([^/]+)$");
  private static final Pattern SECRET = Pattern.compile("^projects/([^/]+)/secrets/([^/]+)$");
  private static final Pattern VERSION = Pattern.compile("^projects/([^/]+)/secrets/([^/]+)/versions/([^/]+)$");
  private static final Pattern REGIONAL = Pattern.compile("^projects/[^/]+/locations/.*");
  private static final Pattern SECRET_ID = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");
  private static final Pattern NUMBER = Pattern.compile("^[1-9][0-9]{0,18}$");
  private static final Pattern ALIAS = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]*$");

  private final FleetState state;
  private final Denials denials;

  SecretManagerService(FleetState state, Denials denials) {
    this.state = state;
    this.denials = denials;
  }

  @Override
  public void getSecret(GetSecretRequest request, StreamObserver<Secret> observer) {
    Errors.answer(observer, () -> secret(request.getName(), "secretmanager.secrets.get"));
  }

  /** Page size 0 lets the server pick (100 here); above 25000 it is capped, as the reference says. */
  @Override
  public void listSecrets(ListSecretsRequest request, StreamObserver<ListSecretsResponse> observer) {
    Errors.answer(observer, () -> {
      String parent = request.getParent();
      if (REGIONAL.matcher(parent).matches()) {
        throw Errors.unimplemented("regional secrets (" + parent + ")");
      }
      Matcher m = PROJECT.matcher(parent);
      if (!m.matches()) {
        throw Errors.invalid("Invalid parent: '" + parent + "' (expected projects/{project})");
      }
      if (!request.getFilter().isBlank()) {
        throw Errors.unimplemented("filter");
      }
      FleetState.Project project = project(m.group(1), "secretmanager.secrets.list", parent);
      int size = Pages.size(request.getPageSize(), LIST_DEFAULT, LIST_MAX, false);
      List<Secret> all = state.secrets(project.number());
      Pages.Page<Secret> page = Pages.page(all, Secret::getName, request.getPageToken(),
          "ListSecrets|" + project.number(), size);
      return ListSecretsResponse.newBuilder().addAllSecrets(page.items()).setNextPageToken(page.nextPageToken())
          .setTotalSize(all.size()).build();
    });
  }

  @Override
  public void getSecretVersion(GetSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
    Errors.answer(observer, () -> version(request.getName(), "secretmanager.versions.get"));
  }

  /** Newest first, as Secret Manager lists them. */
  @Override
  public void listSecretVersions(
      ListSecretVersionsRequest request, StreamObserver<ListSecretVersionsResponse> observer) {
    Errors.answer(observer, () -> {
      if (!request.getFilter().isBlank()) {
        throw Errors.unimplemented("filter");
      }
      Secret secret = secret(request.getParent(), "secretmanager.versions.list");
      int size = Pages.size(request.getPageSize(), LIST_DEFAULT, LIST_MAX, false);
      List<SecretVersion> newestFirst = state.secretVersions(secret.getName()).stream()
          .sorted(Comparator.comparingLong(SecretManagerService::number).reversed()).toList();
      Pages.Page<SecretVersion> page = Pages.page(newestFirst, v -> key(number(v)), Comparator.reverseOrder(),
          request.getPageToken(), "ListSecretVersions|" + secret.getName(), size);
      return ListSecretVersionsResponse.newBuilder().addAllVersions(page.items())
          .setNextPageToken(page.nextPageToken()).setTotalSize(newestFirst.size()).build();
    });
  }

  /** Served for other clients (arcred never reads a payload): a version that is not ENABLED is FAILED_PRECONDITION. */
  @Override
  public void accessSecretVersion(
      AccessSecretVersionRequest request, StreamObserver<AccessSecretVersionResponse> observer) {
    Errors.answer(observer, () -> {
      SecretVersion version = version(request.getName(), "secretmanager.versions.access");
      if (version.getState() != SecretVersion.State.ENABLED) {
        throw Errors.failedPrecondition(
            "Secret Version [" + version.getName() + "] is in " + version.getState() + " state.");
      }
      byte[] payload = ("arcred-emulator-payload:" + version.getName()).getBytes(StandardCharsets.UTF_8);
      CRC32C crc = new CRC32C();
      crc.update(payload);
      return AccessSecretVersionResponse.newBuilder().setName(version.getName())
          .setPayload(SecretPayload.newBuilder().setData(ByteString.copyFrom(payload)).setDataCrc32C(crc.getValue()))
          .build();
    });
  }

  /**
   * A secret's own policy. With requested_policy_version below 3, a policy with conditional bindings is shown as
   * IAM shows it to old clients: version 1, each conditional binding's role rewritten to
   * {@code ROLE_withcond_<hash>} and its condition dropped. With 3, conditions and version 3. A policy without
   * conditions is version 1; one that was never set is empty (version 0) with an etag.
   */
  @Override
  public void getIamPolicy(GetIamPolicyRequest request, StreamObserver<Policy> observer) {
    Errors.answer(observer, () -> {
      int requested = request.getOptions().getRequestedPolicyVersion();
      if (requested != 0 && requested != 1 && requested != 3) {
        throw Errors.invalid("Invalid requested_policy_version " + requested + ": valid values are 0, 1 and 3");
      }
      Secret secret = secret(request.getResource(), "secretmanager.secrets.getIamPolicy");
      String full = FleetState.SM + secret.getName();
      Policy stored = state.iamPolicy(full).orElseGet(() ->
          Policy.newBuilder().setEtag(state.iamPolicyEtag(full).orElseThrow()).build());
      return view(stored, requested);
    });
  }

  /**
   * Replaces a secret's policy, as IAM does: an etag that is not the current one is ABORTED (the caller must redo
   * the whole read-modify-write); no etag is a blind overwrite (the reference: "If no etag is provided ... the
   * existing policy is overwritten blindly"). Conditional bindings need version 3; with an etag, a version below 3
   * cannot replace a policy that has conditions. Roles are granted on secrets, never on versions: a version name is
   * INVALID_ARGUMENT. The update mask may name bindings, etag and audit_configs (default: bindings, etag).
   */
  @Override
  public void setIamPolicy(SetIamPolicyRequest request, StreamObserver<Policy> observer) {
    Errors.answer(observer, () -> {
      if (VERSION.matcher(request.getResource()).matches()) {
        throw Errors.invalid("Roles are granted on a secret, never on a version: " + request.getResource());
      }
      Secret secret = secret(request.getResource(), "secretmanager.secrets.setIamPolicy");
      Policy requested = request.getPolicy();
      validate(requested);
      boolean bindings = true;
      boolean auditConfigs = false;
      if (request.hasUpdateMask() && request.getUpdateMask().getPathsCount() > 0) {
        FieldMask mask = request.getUpdateMask();
        for (String path : mask.getPathsList()) {
          if (!List.of("bindings", "etag", "audit_configs", "auditConfigs").contains(path)) {
            throw Errors.invalid("Invalid update_mask path for a policy: " + path);
          }
        }
        bindings = mask.getPathsList().contains("bindings");
        auditConfigs = mask.getPathsList().contains("audit_configs") || mask.getPathsList().contains("auditConfigs");
      }
      boolean replaceBindings = bindings;
      boolean replaceAuditConfigs = auditConfigs;
      String full = FleetState.SM + secret.getName();
      Policy stored = state.replaceIamPolicy(full, current -> {
        boolean withEtag = !requested.getEtag().isEmpty();
        if (withEtag && !requested.getEtag().equals(current.getEtag())) {
          throw Errors.aborted("There were concurrent policy changes. Please retry the whole read-modify-write "
              + "with exponential backoff.");
        }
        boolean currentConditional = current.getBindingsList().stream().anyMatch(Binding::hasCondition);
        if (withEtag && currentConditional && requested.getVersion() < 3 && replaceBindings) {
          throw Errors.invalid("The policy of " + secret.getName() + " has conditional role bindings: "
              + "set it with version 3");
        }
        Policy.Builder next = current.toBuilder().clearEtag();
        if (replaceBindings) {
          next.clearBindings().addAllBindings(requested.getBindingsList());
          boolean conditional = requested.getBindingsList().stream().anyMatch(Binding::hasCondition);
          next.setVersion(conditional ? 3 : Math.max(1, requested.getVersion()));
        }
        if (replaceAuditConfigs) {
          next.clearAuditConfigs().addAllAuditConfigs(requested.getAuditConfigsList());
        }
        return next.build();
      });
      return view(stored, 3);
    });
  }

  private static final Pattern ROLE = Pattern.compile(
      "^(roles/[A-Za-z0-9_.]+|(projects|organizations)/[^/]+/roles/[A-Za-z0-9_.]+)$");
  private static final Pattern MEMBER = Pattern.compile("^(allUsers|allAuthenticatedUsers|"
      + "(user|serviceAccount|group|domain|principal|principalSet|deleted:user|deleted:serviceAccount|deleted:group)"
      + ":.+)$");

  private static void validate(Policy policy) {
    int version = policy.getVersion();
    if (version != 0 && version != 1 && version != 3) {
      throw Errors.invalid("Invalid policy version " + version + ": valid values are 0, 1 and 3");
    }
    for (Binding b : policy.getBindingsList()) {
      if (b.hasCondition() && version < 3) {
        throw Errors.invalid("A policy with conditional role bindings must be version 3 (role " + b.getRole() + ")");
      }
      if (b.getRole().contains("_withcond_") || !ROLE.matcher(b.getRole()).matches()) {
        throw Errors.invalid("Role " + b.getRole() + " is not a valid role");
      }
      if (b.getMembersCount() == 0) {
        throw Errors.invalid("The binding of " + b.getRole() + " has no members");
      }
      for (String member : b.getMembersList()) {
        if (!MEMBER.matcher(member).matches()) {
          throw Errors.invalid("Invalid member '" + member + "' in the binding of " + b.getRole());
        }
      }
    }
  }

  static Policy view(Policy stored, int requestedVersion) {
    if (stored.getBindingsCount() == 0) {
      return Policy.newBuilder().setEtag(stored.getEtag()).addAllAuditConfigs(stored.getAuditConfigsList()).build();
    }
    boolean conditional = stored.getBindingsList().stream().anyMatch(Binding::hasCondition);
    if (!conditional) {
      return stored.toBuilder().setVersion(1).build();
    }
    if (requestedVersion >= 3) {
      return stored.toBuilder().setVersion(3).build();
    }
    Policy.Builder v1 = stored.toBuilder().setVersion(1).clearBindings();
    for (Binding b : stored.getBindingsList()) {
      v1.addBindings(b.hasCondition()
          ? b.toBuilder().clearCondition().setRole(b.getRole() + "_withcond_" + hash(b.getCondition().toByteArray())).build()
          : b);
    }
    return v1.build();
  }

  // ---------------------------------------------------------------- names

  /** The project of a name segment: denied (PERMISSION_DENIED) before unknown (NOT_FOUND), as IAM checks first. */
  private FleetState.Project project(String segment, String permission, String resource) {
    if (denials.project(segment)) {
      throw Errors.denied(permission, numbered(resource, segment));
    }
    return state.project(segment).orElseThrow(() -> Errors.notFound("Project not found: projects/" + segment));
  }

  private Secret secret(String name, String permission) {
    if (REGIONAL.matcher(name).matches()) {
      throw Errors.unimplemented("regional secrets (" + name + ")");
    }
    Matcher m = SECRET.matcher(name);
    if (!m.matches()) {
      throw Errors.invalid("Invalid secret name: '" + name + "' (expected projects/{project}/secrets/{secret})");
    }
    if (!SECRET_ID.matcher(m.group(2)).matches()) {
      throw Errors.invalid("Invalid secret ID '" + m.group(2) + "': it must match [A-Za-z0-9_-]{1,255}");
    }
    FleetState.Project project = project(m.group(1), permission, name);
    String canonical = "projects/" + project.number() + "/secrets/" + m.group(2);
    if (denials.secret(project.number(), m.group(2))) {
      throw Errors.denied(permission, canonical);
    }
    return state.secret(canonical).orElseThrow(() -> Errors.notFound("Secret [" + canonical + "] not found."));
  }

  /**
   * A version by number, {@code latest} (the highest-numbered version, whatever its state) or an alias of the
   * secret's versionAliases. {@code 0}, a leading zero or a name that is neither is INVALID_ARGUMENT; an alias the
   * secret does not define, or a number it does not have, is NOT_FOUND.
   */
  private SecretVersion version(String name, String permission) {
    if (REGIONAL.matcher(name).matches()) {
      throw Errors.unimplemented("regional secrets (" + name + ")");
    }
    Matcher m = VERSION.matcher(name);
    if (!m.matches()) {
      throw Errors.invalid("Invalid secret version name: '" + name
          + "' (expected projects/{project}/secrets/{secret}/versions/{version})");
    }
    String ref = m.group(3);
    if (!NUMBER.matcher(ref).matches() && !ALIAS.matcher(ref).matches()) {
      throw Errors.invalid("Invalid secret version '" + ref + "': a positive number without leading zeros, "
          + "'latest' or an alias");
    }
    Secret secret = secret("projects/" + m.group(1) + "/secrets/" + m.group(2), permission);
    List<SecretVersion> versions = state.secretVersions(secret.getName());
    long number;
    if (NUMBER.matcher(ref).matches()) {
      number = Long.parseLong(ref);
    } else if (ref.equals("latest")) {
      number = versions.stream().mapToLong(SecretManagerService::number).max()
          .orElseThrow(() -> Errors.notFound("Secret [" + secret.getName() + "] has no versions."));
    } else if (secret.getVersionAliasesMap().containsKey(ref)) {
      number = secret.getVersionAliasesMap().get(ref);
    } else {
      throw Errors.notFound("Alias [" + ref + "] not found on Secret [" + secret.getName() + "].");
    }
    String resolved = secret.getName() + "/versions/" + number;
    return versions.stream().filter(v -> number(v) == number).findFirst()
        .orElseThrow(() -> Errors.notFound("Secret Version [" + resolved + "] not found."));
  }

  private String numbered(String resource, String segment) {
    return state.project(segment)
        .map(p -> resource.replaceFirst("^projects/[^/]+", "projects/" + p.number())).orElse(resource);
  }

  static long number(SecretVersion v) {
    return Long.parseLong(v.getName().substring(v.getName().lastIndexOf('/') + 1));
  }

  /** A sortable key for a version number (newest first is reverse order of it). */
  private static String key(long number) {
    return String.format("%019d", number);
  }

  private static String hash(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
