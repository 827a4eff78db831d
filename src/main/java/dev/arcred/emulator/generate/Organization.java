package dev.arcred.emulator.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The skeleton of a generated organization, held in a few small arrays (a few bytes per folder, project and npm
 * remote, never a line of the fleet): the folder tree, where each project sits, the project IDs and numbers, how
 * many npm remotes each project has and which of them carry which fault.
 *
 * <p>Project 0 is the central secrets project, in the first folder ("platform"). Projects 1.. are grouped by
 * hundreds into business units; each unit has its own set of tokens in the central project, readable by all its
 * projects' service agents.
 *
 * <p>Shared faults: the npm remotes of each {@linkplain FaultKind#shared() secret-side} fault kind, in the order of
 * their global index (so nearby projects, mostly of one business unit), are cut into groups of about
 * {@value #SHARED_GROUP} that share one faulty secret (or one bad reference to a unit's token). Groups are
 * numbered across kinds, in the order of {@link FaultKind}.
 */
final class Organization {
  static final String DOMAIN = "megacorp.example";
  static final String NUMBER = "700000000001";
  static final String NAME = "organizations/" + NUMBER;
  static final String CENTRAL_ID = "platform-secrets";
  static final int CENTRAL = 0;
  static final int GROUP_SIZE = 100;
  /** About how many repositories of one fault kind share one faulty secret. */
  static final int SHARED_GROUP = 10;

  private static final String[] TOP_FOLDERS = {
      "platform", "engineering", "data", "products", "corporate", "sandbox", "security", "research", "operations",
      "partners", "finance", "marketing"};
  private static final String[] SUB_FOLDERS = {
      "web", "mobile", "payments", "search", "checkout", "identity", "billing", "growth", "infra", "ml", "analytics",
      "media", "maps", "ads", "support", "ci", "shared", "catalog", "shipping", "messaging", "reporting", "pricing",
      "fraud", "ledger", "prod", "nonprod", "frontend", "backend", "apis", "devtools"};
  private static final String[] ENVS = {"prod", "staging", "dev", "test", "sandbox"};
  private static final int[] ENV_WEIGHTS = {35, 20, 30, 10, 5};
  private static final int MAX_DEPTH = 4;

  final FleetSpec spec;
  private final int[] folderParent; // -1: the organization
  private final String[] folderName;
  private final int[] projectParent; // -1: the organization
  private final byte[] projectEnv;
  private final int[] repoStart; // npm remotes of project p: [repoStart[p], repoStart[p + 1])
  private final byte[] faults; // per npm remote: 0 healthy, else FaultKind.ordinal() + 1
  private final int[][] members; // per fault kind: the global indices of its npm remotes, ascending
  private final int[][] cuts; // per fault kind: the rank in members where each shared group starts, then the count
  private final int[] groupBase; // per fault kind: the number of its first shared group; then the total

  Organization(FleetSpec spec) {
    this.spec = spec;
    int f = spec.folders();
    folderParent = new int[f];
    folderName = new String[f];
    buildFolders(new Random(Seeds.mix(spec.seed(), Seeds.FOLDERS, 0)));
    int p = spec.projects();
    projectParent = new int[p];
    projectEnv = new byte[p];
    placeProjects(new Random(Seeds.mix(spec.seed(), Seeds.PROJECTS, 0)));
    repoStart = spreadRepositories(new Random(Seeds.mix(spec.seed(), Seeds.COUNTS, 0)));
    faults = plantFaults(new Random(Seeds.mix(spec.seed(), Seeds.FAULTS, 0)));
    int kinds = FaultKind.values().length;
    members = new int[kinds][];
    cuts = new int[kinds][];
    groupBase = new int[kinds + 1];
    groupShared(new Random(Seeds.mix(spec.seed(), Seeds.SHARED_CUTS, 0)));
  }

  /** Lists each kind's repositories and cuts those of the shared kinds into groups of about SHARED_GROUP. */
  private void groupShared(Random r) {
    int kinds = FaultKind.values().length;
    int[] count = new int[kinds];
    for (byte b : faults) {
      if (b != 0) {
        count[b - 1]++;
      }
    }
    for (int k = 0; k < kinds; k++) {
      members[k] = new int[count[k]];
    }
    int[] filled = new int[kinds];
    for (int i = 0; i < faults.length; i++) {
      if (faults[i] != 0) {
        int k = faults[i] - 1;
        members[k][filled[k]++] = i;
      }
    }
    for (FaultKind kind : FaultKind.values()) {
      int k = kind.ordinal();
      int n = count[k];
      int groups = !kind.shared() || n == 0 ? 0 : Math.max(1, (int) Math.round(n / (double) SHARED_GROUP));
      int[] size = new int[groups];
      for (int g = 0; g < groups; g++) {
        size[g] = (int) ((long) n * (g + 1) / groups - (long) n * g / groups);
      }
      for (int g = 0; g + 1 < groups; g++) { // about ten, not exactly: move a few between neighbours
        int d = r.nextInt(5) - 2;
        if (size[g] + d >= 1 && size[g + 1] - d >= 1) {
          size[g] += d;
          size[g + 1] -= d;
        }
      }
      cuts[k] = new int[groups + 1];
      for (int g = 0; g < groups; g++) {
        cuts[k][g + 1] = cuts[k][g] + size[g];
      }
      groupBase[k + 1] = groupBase[k] + groups;
    }
  }

  private void buildFolders(Random r) {
    int f = folderParent.length;
    int top = f == 0 ? 0 : Math.min(f, Math.min(TOP_FOLDERS.length, Math.max(1, f / 4)));
    int[] depth = new int[f];
    Map<String, Integer> used = new HashMap<>();
    for (int i = 0; i < f; i++) {
      String base;
      if (i < top) {
        folderParent[i] = -1;
        depth[i] = 1;
        base = TOP_FOLDERS[i];
      } else {
        int parent = r.nextInt(i);
        while (depth[parent] >= MAX_DEPTH) {
          parent = folderParent[parent];
        }
        folderParent[i] = parent;
        depth[i] = depth[parent] + 1;
        base = SUB_FOLDERS[r.nextInt(SUB_FOLDERS.length)];
      }
      int n = used.merge(base, 1, Integer::sum);
      folderName[i] = n == 1 ? base : base + "-" + n;
    }
  }

  private void placeProjects(Random r) {
    int f = folderParent.length;
    projectParent[CENTRAL] = f == 0 ? -1 : 0;
    projectEnv[CENTRAL] = 0;
    for (int p = 1; p < projectParent.length; p++) {
      projectParent[p] = f == 0 || r.nextDouble() < 0.04 ? -1 : r.nextInt(f);
      int pick = r.nextInt(100);
      int e = 0;
      while (pick >= ENV_WEIGHTS[e]) {
        pick -= ENV_WEIGHTS[e++];
      }
      projectEnv[p] = (byte) e;
    }
  }

  /** Skewed shares (log-normal weights), cut so that the counts add up to exactly {@code repos}. */
  private int[] spreadRepositories(Random r) {
    int p = projectParent.length;
    double[] cumulative = new double[p];
    double total = 0;
    for (int i = 1; i < p; i++) {
      total += Math.exp(0.9 * r.nextGaussian());
      cumulative[i] = total;
    }
    int[] start = new int[p + 1];
    int n = spec.repos();
    for (int i = 1; i < p; i++) {
      start[i + 1] = i == p - 1 ? n : (int) Math.min(n, Math.floor(n * cumulative[i] / total));
    }
    start[1] = 0;
    return start;
  }

  private byte[] plantFaults(Random r) {
    int n = spec.repos();
    byte[] out = new byte[n];
    int perKind = FaultKind.perKind(n);
    int k = 0;
    for (FaultKind kind : FaultKind.values()) {
      for (int j = 0; j < perKind && k < n; j++) {
        out[k++] = (byte) (kind.ordinal() + 1);
      }
    }
    for (int i = n - 1; i > 0; i--) { // Fisher-Yates
      int j = r.nextInt(i + 1);
      byte t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  // --- folders

  int folders() {
    return folderParent.length;
  }

  String folderNumber(int i) {
    return String.valueOf(500_000_000_000L + 131L * (i + 1));
  }

  String folderName(int i) {
    return folderName[i];
  }

  /** {@code folders/N} or {@code organizations/N}. */
  String folderParentName(int i) {
    return folderParent[i] < 0 ? NAME : "folders/" + folderNumber(folderParent[i]);
  }

  List<String> folderAncestors(int i) {
    List<String> out = new ArrayList<>(MAX_DEPTH + 2);
    for (int f = i; f >= 0; f = folderParent[f]) {
      out.add("folders/" + folderNumber(f));
    }
    out.add(NAME);
    return out;
  }

  // --- projects

  int projects() {
    return projectParent.length;
  }

  String projectNumber(int p) {
    return String.valueOf(400_000_000_001L + 7919L * p);
  }

  String projectId(int p) {
    if (p == CENTRAL) {
      return CENTRAL_ID;
    }
    String unit = projectParent[p] < 0 ? "legacy" : folderName[projectParent[p]];
    if (unit.length() > 12) {
      unit = unit.substring(0, 12);
    }
    while (unit.endsWith("-")) {
      unit = unit.substring(0, unit.length() - 1);
    }
    return unit + "-" + env(p) + "-" + String.format("%04d", p);
  }

  String env(int p) {
    return p == CENTRAL ? "prod" : ENVS[projectEnv[p]];
  }

  /** The project's folder, or -1 when it sits directly under the organization. */
  int projectFolder(int p) {
    return projectParent[p];
  }

  String projectParentName(int p) {
    return projectParent[p] < 0 ? NAME : "folders/" + folderNumber(projectParent[p]);
  }

  List<String> projectAncestors(int p) {
    List<String> out = new ArrayList<>(MAX_DEPTH + 2);
    out.add("projects/" + projectNumber(p));
    if (projectParent[p] < 0) {
      out.add(NAME);
    } else {
      out.addAll(folderAncestors(projectParent[p]));
    }
    return out;
  }

  /** The project's Artifact Registry service agent, as an IAM member. */
  String agent(int p) {
    return "serviceAccount:service-" + projectNumber(p) + "@gcp-sa-artifactregistry.iam.gserviceaccount.com";
  }

  // --- business units (groups of projects sharing the central tokens)

  int groups() {
    return (projects() - 1 + GROUP_SIZE - 1) / GROUP_SIZE;
  }

  int group(int p) {
    return (p - 1) / GROUP_SIZE;
  }

  int groupFirst(int g) {
    return 1 + g * GROUP_SIZE;
  }

  int groupEnd(int g) {
    return Math.min(projects(), groupFirst(g) + GROUP_SIZE);
  }

  // --- npm remotes and faults

  int repoStart(int p) {
    return p == CENTRAL ? 0 : repoStart[p];
  }

  int repoCount(int p) {
    return p == CENTRAL ? 0 : repoStart[p + 1] - repoStart[p];
  }

  /** The project holding the npm remote with that global index. */
  int projectOf(int repo) {
    int lo = 1;
    int hi = projects() - 1;
    while (lo < hi) { // the last project p with repoStart[p] <= repo
      int mid = (lo + hi + 1) >>> 1;
      if (repoStart[mid] <= repo) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  // --- shared faults

  /** One group of repositories of the same fault kind sharing one secret; {@code repos} ascending. */
  record SharedGroup(int id, FaultKind kind, int[] repos) {
    int first() {
      return repos[0];
    }
  }

  /** Shared groups of every kind. */
  int sharedGroups() {
    return groupBase[groupBase.length - 1];
  }

  SharedGroup sharedGroup(int id) {
    int k = 0;
    while (groupBase[k + 1] <= id) {
      k++;
    }
    int g = id - groupBase[k];
    return new SharedGroup(id, FaultKind.values()[k],
        java.util.Arrays.copyOfRange(members[k], cuts[k][g], cuts[k][g + 1]));
  }

  /** The shared groups of one kind: {@code [from, to)}. */
  int sharedGroupsFrom(FaultKind kind) {
    return groupBase[kind.ordinal()];
  }

  int sharedGroupsTo(FaultKind kind) {
    return groupBase[kind.ordinal() + 1];
  }

  /** The shared group of the npm remote with that global index; -1 when its fault is not of a shared kind. */
  int sharedGroupOf(int repo) {
    FaultKind kind = fault(repo);
    if (kind == null || !kind.shared()) {
      return -1;
    }
    int k = kind.ordinal();
    int rank = java.util.Arrays.binarySearch(members[k], repo);
    int g = java.util.Arrays.binarySearch(cuts[k], rank);
    return groupBase[k] + (g >= 0 ? g : -g - 2);
  }

  /** The fault of the npm remote with that global index, or null when it is healthy. */
  FaultKind fault(int repo) {
    byte b = faults[repo];
    return b == 0 ? null : FaultKind.values()[b - 1];
  }
}
