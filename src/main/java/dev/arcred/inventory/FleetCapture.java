package dev.arcred.inventory;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.asset.v1.Asset;
import com.google.cloud.asset.v1.AssetServiceClient;
import com.google.cloud.asset.v1.ContentType;
import com.google.cloud.asset.v1.ListAssetsRequest;
import com.google.cloud.asset.v1.Resource;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captures an organization into a fleet file (FLEET-FORMAT.md), one {@code Asset} per line, streaming.
 *
 * <ul>
 *   <li>Cloud Asset ListAssets, content type RESOURCE, one listing per asset type: organization, folders, projects,
 *       secrets, secret versions, custom roles. Written as Cloud Asset returned them.
 *   <li>Repositories: Cloud Asset's Repository assets say which project-locations hold repositories (and give each
 *       one's ancestors and parent); Artifact Registry ListRepositories, once per project-location, gives each
 *       repository in full, credentials included (Cloud Asset redacts them). A repository Cloud Asset lists but
 *       Artifact Registry no longer has is left out, with a note.
 *   <li>Cloud Asset ListAssets, content type IAM_POLICY, for the organization, folders, projects and secrets.
 * </ul>
 *
 * <p>Line order: resources by asset type (organization, folders, projects, repositories, secrets, versions, roles),
 * then policies by asset type (organization, folders, projects, secrets); within a listing, the order Cloud Asset
 * returns (by name), and repositories by name within each project-location. Nothing is sorted in memory beyond one
 * project-location's repositories, so memory stays flat; a listing that comes back out of name order is noted.
 *
 * <p>Reads metadata only: never AccessSecretVersion.
 */
public final class FleetCapture {
  static final String CRM = "//cloudresourcemanager.googleapis.com/";
  static final String AR = "//artifactregistry.googleapis.com/";
  private static final Pattern REPOSITORY_ASSET =
      Pattern.compile("^//artifactregistry\\.googleapis\\.com/projects/([^/]+)/locations/([^/]+)/repositories/([^/]+)$");

  /** The resource listings, in line order (repositories are read in their own way, after projects). */
  private static final List<String> RESOURCES_BEFORE_REPOSITORIES =
      List.of(AssetInventory.ORGANIZATION, AssetInventory.FOLDER, AssetInventory.PROJECT);
  private static final List<String> RESOURCES_AFTER_REPOSITORIES =
      List.of(AssetInventory.SECRET, AssetInventory.SECRET_VERSION, AssetInventory.ROLE);
  private static final List<String> POLICIES =
      List.of(AssetInventory.ORGANIZATION, AssetInventory.FOLDER, AssetInventory.PROJECT, AssetInventory.SECRET);

  /** A call that failed after retries; its message names the call. */
  public static final class CallFailed extends RuntimeException {
    CallFailed(String call, ApiException cause) {
      super(call + " failed: " + Retrying.describe(cause)
          .replace("io.grpc.StatusRuntimeException: " + cause.getStatusCode().getCode() + ": ", ""), cause);
    }
  }

  /** What was written: lines per asset type and content type, in line order; how many notes were given. */
  public record Summary(Map<String, Long> lines, int notes) {
    public long total() {
      return lines.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final AssetServiceClient asset;
  private final RepositoryReader repositories;
  private final Retrying retrying;
  private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

  /** With Google's default quotas as client-side rate limits (11 ListAssets calls fit in a minute's 100). */
  public FleetCapture(GoogleClients clients) {
    this(clients, Retrying.reads(RateLimits.google()));
  }

  public FleetCapture(GoogleClients clients, Retrying retrying) {
    this.asset = clients.asset();
    this.repositories = new RepositoryReader(clients.artifactRegistry(), retrying);
    this.retrying = retrying;
  }

  /**
   * Writes the organization's fleet lines to {@code out}, each ending in a newline.
   *
   * @param organization the organization number (or {@code organizations/N})
   * @param notes what the user should know (a repository left out, a line made up), one line each, as they come
   * @throws CallFailed when a call fails after retries (the caller must discard what was written)
   */
  public Summary write(String organization, Writer out, Consumer<String> notes) throws IOException {
    String org = Scope.organization(organization).resource();
    Run run = new Run(out, notes);
    try {
      for (String type : RESOURCES_BEFORE_REPOSITORIES) {
        long before = run.count(type, ContentType.RESOURCE);
        listAssets(org, ContentType.RESOURCE, type, run, run::write);
        if (type.equals(AssetInventory.ORGANIZATION) && run.count(type, ContentType.RESOURCE) == before) {
          run.write(organizationLine(org));
          run.note("Cloud Asset did not list " + org + " itself at organization scope: its line was made from the"
              + " name alone (no displayName)");
        }
      }
      repositories(org, run);
      for (String type : RESOURCES_AFTER_REPOSITORIES) {
        listAssets(org, ContentType.RESOURCE, type, run, run::write);
      }
      for (String type : POLICIES) {
        listAssets(org, ContentType.IAM_POLICY, type, run, run::write);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
    return new Summary(Collections.unmodifiableMap(new LinkedHashMap<>(run.lines)), run.notes);
  }

  /**
   * Repositories in full from Artifact Registry. Cloud Asset's Repository assets come in name order, so those of one
   * project-location are consecutive: each run of them is read with one ListRepositories call and written before
   * the next run starts, keeping one project-location in memory.
   */
  private void repositories(String org, Run run) {
    Map<String, Asset> group = new LinkedHashMap<>();
    String[] key = {null};
    Set<String> done = new HashSet<>();
    listAssets(org, ContentType.RESOURCE, AssetInventory.REPOSITORY, run, a -> {
      Matcher m = REPOSITORY_ASSET.matcher(a.getName());
      if (!m.matches()) {
        run.note("left out " + a.getName() + ": not a repository name Artifact Registry knows");
        return;
      }
      String projectLocation = "projects/" + m.group(1) + "/locations/" + m.group(2);
      if (!projectLocation.equals(key[0])) {
        if (key[0] != null) {
          writeGroup(key[0], group, done, run);
        }
        key[0] = projectLocation;
        group.clear();
      }
      group.put(m.group(3), a);
    });
    if (key[0] != null) {
      writeGroup(key[0], group, done, run);
    }
  }

  /** One project-location: every repository Artifact Registry has there, with its Cloud Asset ancestors. */
  private void writeGroup(String projectLocation, Map<String, Asset> listed, Set<String> done, Run run) {
    String[] parts = projectLocation.split("/");
    List<Repository> found;
    try {
      found = new ArrayList<>(repositories.list(parts[1], parts[3]));
    } catch (ApiException e) {
      throw new CallFailed("Artifact Registry ListRepositories(" + projectLocation + ")", e);
    }
    found.sort(Comparator.comparing(Repository::getName));
    Asset template = listed.values().iterator().next();
    boolean again = !done.add(projectLocation);
    Set<String> present = new HashSet<>();
    for (Repository repo : found) {
      String id = repo.getName().substring(repo.getName().lastIndexOf('/') + 1);
      present.add(id);
      if (again) {
        continue; // written the first time this project-location came by (Cloud Asset out of name order)
      }
      Asset fromAsset = listed.get(id);
      if (fromAsset == null) {
        run.note(repo.getName() + " is not (yet) listed by Cloud Asset: written with its project's ancestors");
      }
      run.write(repositoryLine(repo, fromAsset != null ? fromAsset : template, fromAsset == null));
    }
    for (Map.Entry<String, Asset> e : listed.entrySet()) {
      if (!present.contains(e.getKey())) {
        run.note("left out " + e.getValue().getName()
            + ": listed by Cloud Asset, but Artifact Registry no longer has it");
      }
    }
  }

  /** The Cloud Asset asset with resource.data replaced by Artifact Registry's representation of the repository. */
  private Asset repositoryLine(Repository repo, Asset base, boolean fromTemplate) {
    String location = repo.getName().split("/")[3];
    Asset.Builder line = base.toBuilder().setName(AR + repo.getName());
    if (fromTemplate) {
      line.clearUpdateTime();
    }
    Resource.Builder resource = base.getResource().toBuilder().setData(struct(repo));
    if (fromTemplate || resource.getLocation().isEmpty()) {
      resource.setLocation(location);
    }
    if (resource.getVersion().isEmpty()) {
      resource.setVersion("v1");
    }
    return line.setResource(resource).build();
  }

  private Struct struct(Repository repo) {
    try {
      Struct.Builder s = Struct.newBuilder();
      JsonFormat.parser().merge(printer.print(repo), s);
      return s.build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("printing " + repo.getName(), e);
    }
  }

  private static Asset organizationLine(String org) {
    Struct data = Struct.newBuilder()
        .putFields("name", Value.newBuilder().setStringValue(org).build()).build();
    return Asset.newBuilder().setName(CRM + org).setAssetType(AssetInventory.ORGANIZATION)
        .setResource(Resource.newBuilder().setVersion("v1").setData(data))
        .addAncestors(org).build();
  }

  /** ListAssets of one asset type, page by page (1,000 a page), each page with its own retries. */
  private void listAssets(String org, ContentType contentType, String type, Run run, Consumer<Asset> sink) {
    ListAssetsRequest request = ListAssetsRequest.newBuilder()
        .setParent(org)
        .setContentType(contentType)
        .addAssetTypes(type)
        .setPageSize(AssetInventory.PAGE_SIZE)
        .build();
    String call = "Cloud Asset ListAssets(" + org + ", " + contentType + ", " + type + ")";
    String[] last = {null};
    boolean[] noted = {false};
    Consumer<Asset> checked = a -> {
      if (last[0] != null && a.getName().compareTo(last[0]) <= 0 && !noted[0]) {
        noted[0] = true;
        run.note(call + " answered out of name order (at " + a.getName() + "): lines follow its order");
      }
      last[0] = a.getName();
      sink.accept(a);
    };
    try {
      AssetServiceClient.ListAssetsPage page = retrying.call(RateLimits.Quota.ASSET_LIST_ASSETS, "",
          () -> asset.listAssets(request).getPage());
      while (true) {
        page.getValues().forEach(checked);
        if (!page.hasNextPage()) {
          return;
        }
        AssetServiceClient.ListAssetsPage current = page;
        page = retrying.call(RateLimits.Quota.ASSET_LIST_ASSETS, "", current::getNextPage);
      }
    } catch (ApiException e) {
      throw new CallFailed(call, e);
    }
  }

  /** One capture: the output, the count of lines per kind, the notes. */
  private final class Run {
    final Writer out;
    final Consumer<String> noteSink;
    final Map<String, Long> lines = new LinkedHashMap<>();
    int notes;

    Run(Writer out, Consumer<String> noteSink) {
      this.out = out;
      this.noteSink = noteSink;
    }

    void write(Asset a) {
      try {
        out.write(printer.print(a));
        out.write('\n');
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("printing " + a.getName(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      lines.merge(kind(a.getAssetType(), a.hasIamPolicy() ? ContentType.IAM_POLICY : ContentType.RESOURCE), 1L,
          Long::sum);
    }

    long count(String type, ContentType contentType) {
      return lines.getOrDefault(kind(type, contentType), 0L);
    }

    void note(String note) {
      notes++;
      noteSink.accept(note);
    }

    private static String kind(String type, ContentType contentType) {
      return type + (contentType == ContentType.IAM_POLICY ? " (IAM_POLICY)" : "");
    }
  }
}
