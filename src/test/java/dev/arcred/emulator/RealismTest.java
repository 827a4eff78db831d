package dev.arcred.emulator;

import static dev.arcred.emulator.ApiErrors.code;
import static dev.arcred.emulator.ApiErrors.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.cloud.asset.v1.Asset;
import com.google.cloud.asset.v1.BatchGetEffectiveIamPoliciesRequest;
import com.google.cloud.asset.v1.ContentType;
import com.google.cloud.asset.v1.ListAssetsRequest;
import com.google.iam.v1.Binding;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.GetPolicyOptions;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Latency, quotas, injected errors, per-project counts, Cloud Asset's lag and the concurrent IAM writer. */
class RealismTest {
  private static final String SM = "google.cloud.secretmanager.v1.SecretManagerService/";
  private static final String SECRET = "projects/team-a/secrets/npm-token";
  private static final String AGENT_B =
      "serviceAccount:service-300000000002@gcp-sa-artifactregistry.iam.gserviceaccount.com";

  private static long millis(Runnable call) {
    long start = System.nanoTime();
    call.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void realisticLatencyDelaysReadsAndWritesMore() {
    try (var run = TestFleet.Running.start(EmulatorOptions.defaults().withLatency(Latency.realistic()))) {
      var sm = run.clients().secretManager();
      sm.getSecret(SECRET); // warm the channel
      long read = millis(() -> sm.getSecret(SECRET));
      Policy p = sm.getIamPolicy(GetIamPolicyRequest.newBuilder().setResource(SECRET)
          .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(3)).build());
      long write = millis(() -> sm.setIamPolicy(SetIamPolicyRequest.newBuilder().setResource(SECRET)
          .setPolicy(p).build()));
      assertThat(read).isBetween(30L, 1000L);
      assertThat(write).isBetween(60L, 1000L);
    }
  }

  /** Delays hold the call, not the server: twelve concurrent calls of 300 ms take far less than 3.6 s together. */
  @Test
  void latencyDelaysCallsConcurrently() throws Exception {
    Latency slow = Latency.parse("slow.txt", List.of("* 300ms"));
    try (var run = TestFleet.Running.start(EmulatorOptions.defaults().withLatency(slow))) {
      var sm = run.clients().secretManager();
      sm.getSecret(SECRET);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
      try {
        long took = millis(() -> {
          List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
          for (int i = 0; i < 12; i++) {
            calls.add(pool.submit(() -> sm.getSecret(SECRET)));
          }
          calls.forEach(f -> {
            try {
              f.get();
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
        });
        assertThat(took).isBetween(300L, 2400L);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void latencyAndQuotaFilesNameTheirBadLine() {
    assertThatThrownBy(() -> Latency.parse("lat.txt", List.of("# ok", "read 40ms 10ms", "write eighty")))
        .hasMessageStartingWith("lat.txt:3: ");
    assertThatThrownBy(() -> Latency.parse("lat.txt", List.of("read 40ms 50ms"))).hasMessageContaining("jitter");
    assertThatThrownBy(() -> Quotas.parse("q.txt", List.of("a 10 fortnight caller *")))
        .hasMessageStartingWith("q.txt:1: ").hasMessageContaining("PER");
    assertThatThrownBy(() -> Faults.parse("f.txt", List.of("seed 1", "error * NOT_A_CODE 0.1")))
        .hasMessageStartingWith("f.txt:2: ").hasMessageContaining("NOT_A_CODE");
    assertThatThrownBy(() -> Faults.parse("f.txt", List.of("error * UNAVAILABLE 1.5"))).hasMessageContaining("rate");
    Faults f = Faults.parse("f.txt", List.of("seed 42", "error * UNAVAILABLE 10%", "latency read 5ms",
        "deny-project team-b", "deny-secret projects/team-a/secrets/empty", "iam-writer 20ms", "asset-lag 5m"));
    assertThat(f.seed()).isEqualTo(42);
    assertThat(f.errors()).singleElement().satisfies(r -> assertThat(r.rate()).isEqualTo(0.1));
    assertThat(f.assetLag()).isEqualTo(Duration.ofMinutes(5));
    assertThat(f.iamWriterPeriod()).isEqualTo(Duration.ofMillis(20));
    assertThat(EmulatorOptions.defaults().withFaults(f).deniedProjects()).containsExactly("team-b");
    assertThat(Quotas.google().quotas()).extracting(q -> q.name() + " " + q.limit()).contains(
        "secretmanager-reads 600", "cloudasset-list-per-project 100", "cloudasset-list-per-org 800",
        "artifactregistry-requests 60000", "artifactregistry-writes 18000");
  }

  @Test
  void quotasAreChargedPerCallingProjectAndPerOrganization() {
    Quotas quotas = Quotas.parse("q.txt", List.of(
        "sm-reads      3 minute caller       SecretManagerService/Get*",
        "asset-org     2 minute organization AssetService/ListAssets"));
    try (var run = TestFleet.Running.start(EmulatorOptions.defaults().withQuotas(quotas));
        GoogleClients other = GoogleClients.connect(Connection.emulator(run.emulator().endpoint(), "other-caller"))) {
      var sm = run.clients().secretManager();
      for (int i = 0; i < 3; i++) {
        sm.getSecret(SECRET);
      }
      var refused = error(() -> sm.getSecret(SECRET));
      assertThat(refused.getStatusCode().getCode()).isEqualTo(Code.RESOURCE_EXHAUSTED);
      assertThat(refused.getMessage()).contains("sm-reads").contains("3 per minute per calling project")
          .contains("project:default");
      // listing is not a Get: not charged; another calling project has its own quota, over REST as over gRPC
      sm.listSecrets("projects/team-a");
      other.secretManager().getSecret(SECRET);
      try (GoogleClients rest = GoogleClients.connect(Connection.emulator(run.emulator().endpoint(), "rest-caller")
          .withTransport(Connection.Transport.REST))) {
        for (int i = 0; i < 3; i++) {
          rest.secretManager().getSecret(SECRET);
        }
        var restRefused = error(() -> rest.secretManager().getSecret(SECRET));
        assertThat(restRefused.getStatusCode().getCode()).isEqualTo(Code.RESOURCE_EXHAUSTED);
        // (gax's REST clients report the HTTP reason; the body carries the quota's message, as gcloud shows)
        other.secretManager().getSecret(SECRET);
      }

      ListAssetsRequest list = ListAssetsRequest.newBuilder().setParent(TestFleet.ORG).build();
      run.clients().asset().listAssets(list).getPage();
      other.asset().listAssets(list).getPage();
      // the organization's quota is shared by every caller
      var orgRefused = error(() -> other.asset().listAssets(list).getPage());
      assertThat(orgRefused.getStatusCode().getCode()).isEqualTo(Code.RESOURCE_EXHAUSTED);
      assertThat(orgRefused.getMessage()).contains("asset-org").contains(TestFleet.ORG);
    }
  }

  @Test
  void googleQuotasRefuseTheHundredAndFirstListAssetsOfAMinute() {
    try (var run = TestFleet.Running.start(EmulatorOptions.defaults().withQuotas(Quotas.google()))) {
      ListAssetsRequest list = ListAssetsRequest.newBuilder().setParent(TestFleet.ORG).setPageSize(1).build();
      for (int i = 0; i < 100; i++) {
        run.clients().asset().listAssets(list).getPage();
      }
      assertThat(error(() -> run.clients().asset().listAssets(list).getPage()).getMessage())
          .contains("cloudasset-list-per-project");
    }
  }

  @Test
  void injectedErrorsHitTheirMethodsOnlyAndRepeatPerSeed() {
    Faults always = Faults.none().withErrors(List.of(Faults.ErrorRule.parseFlag("INTERNAL:1.0:GetSecret")));
    try (var run = TestFleet.Running.start(EmulatorOptions.defaults().withFaults(always))) {
      var e = error(() -> run.clients().secretManager().getSecret(SECRET));
      assertThat(e.getStatusCode().getCode()).isEqualTo(Code.INTERNAL);
      assertThat(e.getMessage()).contains("Injected");
      assertThat(run.clients().secretManager().listSecrets("projects/team-a").iterateAll()).isNotEmpty();
    }
    Faults half = Faults.none().withSeed(7).withErrors(List.of(
        Faults.ErrorRule.parseFlag("UNAVAILABLE:0.3"), Faults.ErrorRule.parseFlag("RESOURCE_EXHAUSTED:0.2")));
    List<List<Code>> runs = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      try (var run = TestFleet.Running.start(EmulatorOptions.defaults().withFaults(half))) {
        List<Code> outcomes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          try {
            run.clients().secretManager().getSecret(SECRET);
            outcomes.add(Code.OK);
          } catch (com.google.api.gax.rpc.ApiException e) {
            outcomes.add(e.getStatusCode().getCode());
          }
        }
        runs.add(outcomes);
      }
    }
    assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(Code.OK, Code.UNAVAILABLE, Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void callsAreCountedPerTargetedProjectWhateverFormNamesIt() {
    try (var run = TestFleet.Running.start(EmulatorOptions.defaults())) {
      run.clients().secretManager().getSecret("projects/team-a/secrets/npm-token");
      run.clients().secretManager().getSecret("projects/300000000001/secrets/npm-token");
      code(() -> run.clients().secretManager().getSecret("projects/nobody/secrets/x"));
      run.clients().artifactRegistry().getRepository("projects/team-b/locations/us-central1/repositories/npm-b");
      run.clients().asset().listAssets(ListAssetsRequest.newBuilder().setParent(TestFleet.ORG).build()).getPage();
      CallCounter calls = run.emulator().calls();
      assertThat(calls.count(SM + "GetSecret", "team-a")).isEqualTo(2);
      assertThat(calls.count(SM + "GetSecret", "nobody")).isEqualTo(1);
      assertThat(calls.projectTotals()).containsEntry("team-b", 1L).containsEntry(TestFleet.ORG, 1L);
      assertThat(calls.byProject().get(TestFleet.ORG)).containsOnlyKeys("google.cloud.asset.v1.AssetService/ListAssets");
    }
  }

  @Test
  void cloudAssetTrailsWritesByItsLag() throws Exception {
    EmulatorOptions lagging = EmulatorOptions.defaults().withFaults(Faults.none().withAssetLag(Duration.ofSeconds(3)));
    try (var run = TestFleet.Running.start(lagging)) {
      var sm = run.clients().secretManager();
      Policy p = sm.getIamPolicy(GetIamPolicyRequest.newBuilder().setResource("projects/team-b/secrets/tok").build());
      sm.setIamPolicy(SetIamPolicyRequest.newBuilder().setResource("projects/team-b/secrets/tok").setPolicy(p
          .toBuilder().addBindings(Binding.newBuilder().setRole("roles/secretmanager.secretAccessor")
              .addMembers(AGENT_B))).build());
      String repo = "projects/team-a/locations/us-central1/repositories/npm-remote";
      run.emulator().state().deleteRepository(repo);

      // Secret Manager and Artifact Registry see the truth at once; Cloud Asset does not yet.
      assertThat(sm.getIamPolicy(GetIamPolicyRequest.newBuilder().setResource("projects/team-b/secrets/tok").build())
          .getBindingsCount()).isEqualTo(1);
      assertThat(code(() -> run.clients().artifactRegistry().getRepository(repo))).isEqualTo(Code.NOT_FOUND);
      assertThat(policyHolders(run)).doesNotContain("//secretmanager.googleapis.com/projects/300000000002/secrets/tok");
      assertThat(repositories(run)).contains("//artifactregistry.googleapis.com/" + repo);
      var effective = run.clients().asset().batchGetEffectiveIamPolicies(BatchGetEffectiveIamPoliciesRequest
          .newBuilder().setScope(TestFleet.ORG)
          .addNames("//secretmanager.googleapis.com/projects/300000000002/secrets/tok").build());
      assertThat(effective.getPolicyResults(0).getPoliciesList()).extracting(i -> i.getAttachedResource())
          .doesNotContain("//secretmanager.googleapis.com/projects/300000000002/secrets/tok");

      Thread.sleep(3300);
      assertThat(policyHolders(run)).contains("//secretmanager.googleapis.com/projects/300000000002/secrets/tok");
      assertThat(repositories(run)).doesNotContain("//artifactregistry.googleapis.com/" + repo);
    }
  }

  private static List<Binding> withoutWriter(Policy p) {
    return p.getBindingsList().stream().filter(b -> !b.getRole().equals(IamWriter.ROLE)).toList();
  }

  private static List<String> policyHolders(TestFleet.Running run) {
    List<String> names = new ArrayList<>();
    run.clients().asset().listAssets(ListAssetsRequest.newBuilder().setParent(TestFleet.ORG)
        .setContentType(ContentType.IAM_POLICY).build()).iterateAll().forEach(a -> names.add(a.getName()));
    return names;
  }

  private static List<String> repositories(TestFleet.Running run) {
    List<String> names = new ArrayList<>();
    for (Asset a : run.clients().asset().listAssets(ListAssetsRequest.newBuilder().setParent(TestFleet.ORG)
        .setContentType(ContentType.RESOURCE).addAssetTypes(FleetState.REPOSITORY).build()).iterateAll()) {
      names.add(a.getName());
    }
    return names;
  }

  @Test
  void theConcurrentIamWriterMovesEtagsButNeverGrantsAccess() throws Exception {
    EmulatorOptions writing = EmulatorOptions.defaults().withFaults(Faults.none().withIamWriter(Duration.ofMillis(2)));
    try (var run = TestFleet.Running.start(writing)) {
      List<String> secrets = List.of("projects/300000000001/secrets/npm-token", "projects/300000000001/secrets/empty",
          "projects/300000000002/secrets/tok");
      List<Policy> before = secrets.stream().map(s -> run.clients().secretManager().getIamPolicy(
          GetIamPolicyRequest.newBuilder().setResource(s)
              .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(3)).build())).toList();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> run.emulator().iamWriterEdits() > 30);
      int changed = 0;
      for (int i = 0; i < secrets.size(); i++) {
        Policy after = run.clients().secretManager().getIamPolicy(GetIamPolicyRequest.newBuilder()
            .setResource(secrets.get(i)).setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(3))
            .build());
        changed += after.getEtag().equals(before.get(i).getEtag()) ? 0 : 1;
        assertThat(withoutWriter(after)).isEqualTo(withoutWriter(before.get(i)));
        after.getBindingsList().stream().filter(b -> b.getRole().equals(IamWriter.ROLE))
            .flatMap(b -> b.getMembersList().stream()).forEach(m -> assertThat(m).startsWith(IamWriter.MEMBER_PREFIX));
      }
      assertThat(changed).isPositive();
    }
  }
}
