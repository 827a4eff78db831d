package dev.arcred.remediation;

import dev.arcred.e2e.InProcess;

import static dev.arcred.remediation.FleetText.ACCESSOR;
import static dev.arcred.remediation.FleetText.agent;
import static dev.arcred.remediation.FleetText.binding;
import static dev.arcred.remediation.FleetText.conditional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.iam.v1.Binding;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.GetPolicyOptions;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import dev.arcred.emulator.Emulator;
import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While apply grants with parallelism 16 on few secrets, another client keeps adding and removing unrelated bindings
 * on the same secrets, as people and other tools do (read, modify, write with the etag, redo on ABORTED). Nothing is
 * lost on either side.
 */
class ConcurrentWriterTest {
  static final int SECRETS = 4;
  static final int PROJECTS = 40;
  static final String VIEWER = "roles/secretmanager.viewer";
  static final String CONDITION = "request.time < timestamp('2027-01-01T00:00:00Z')";

  @TempDir Path tmp;

  @Test
  void everyUnrelatedChangeSurvivesAndEveryGrantIsPresent() throws Exception {
    FleetText fleet = new FleetText().project("central", "100");
    for (int p = 0; p < PROJECTS; p++) {
      fleet.project(String.format("team-%02d", p), Integer.toString(300 + p));
    }
    for (int s = 0; s < SECRETS; s++) {
      fleet.secret("central", "tok" + s, "ENABLED")
          .secretPolicy("central", "tok" + s, binding(ACCESSOR, "user:owner@example.org"),
              conditional(ACCESSOR, "until 2027", CONDITION, "user:temp@example.org"),
              binding(VIEWER, "group:ops@example.org"));
    }
    for (int p = 0; p < PROJECTS; p++) {
      fleet.repository(String.format("team-%02d", p), "us-central1", "npm", "ci",
          "projects/central/secrets/tok" + (p % SECRETS) + "/versions/1");
    }
    try (Emulator emulator = Harness.serve(fleet.text());
        GoogleClients other = GoogleClients.connect(Connection.emulator(emulator.endpoint()))) {
      Path planFile = Harness.plan(emulator, tmp.resolve("plan"));
      assertThat(Plan.read(planFile).changes()).hasSize(PROJECTS)
          .allSatisfy(c -> assertThat(c.kind()).isEqualTo(ChangeKind.GRANT_ACCESSOR));

      Writer writer = new Writer(other.secretManager());
      Thread thread = new Thread(writer, "other-writer");
      thread.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> writer.writes.get() >= 8);

      InProcess.Run run = Harness.apply(emulator, planFile, "--parallelism", "16", "--throttle", "15ms",
          "--secret-manager-reads-per-minute", "60000", "--secret-manager-writes-per-minute", "60000");
      int writesDuringApply = writer.writes.get();
      await().atMost(Duration.ofSeconds(60)).until(() -> writer.writes.get() >= writesDuringApply + 8);
      writer.stop.set(true);
      thread.join(60_000);
      assertThat(thread.isAlive()).isFalse();
      assertThat(writer.failure.get()).isNull();

      assertThat(run.exit()).as(run.out() + run.err()).isZero();
      assertThat(run.out()).contains("Applied " + PROJECTS + ", already done 0, stale 0, failed 0");
      for (int s = 0; s < SECRETS; s++) {
        String secret = "projects/100/secrets/tok" + s;
        Policy policy = emulator.state().iamPolicy("//secretmanager.googleapis.com/" + secret).orElseThrow();
        Set<String> accessors = new TreeSet<>();
        Set<String> viewers = new TreeSet<>();
        List<Binding> conditional = new ArrayList<>();
        for (Binding b : policy.getBindingsList()) {
          if (b.hasCondition()) {
            conditional.add(b);
          } else if (b.getRole().equals(ACCESSOR)) {
            accessors.addAll(b.getMembersList());
          } else if (b.getRole().equals(VIEWER)) {
            viewers.addAll(b.getMembersList());
          }
        }
        Set<String> expectedAccessors = new TreeSet<>(Set.of("user:owner@example.org"));
        for (int p = s; p < PROJECTS; p += SECRETS) {
          expectedAccessors.add(agent(Integer.toString(300 + p)));
        }
        assertThat(accessors).as("every planned grant on " + secret).isEqualTo(expectedAccessors);
        Set<String> expectedViewers = new TreeSet<>(writer.expected.get(secret));
        expectedViewers.add("group:ops@example.org");
        assertThat(viewers).as("every unrelated change on " + secret).isEqualTo(expectedViewers);
        assertThat(conditional).singleElement().satisfies(b -> {
          assertThat(b.getCondition().getExpression()).isEqualTo(CONDITION);
          assertThat(b.getMembersList()).containsExactly("user:temp@example.org");
        });
      }
      System.out.printf("concurrent writer: %d writes by the other client (%d ABORTED redone), %d SetIamPolicy calls"
              + " in all%n", writer.writes.get(), writer.aborted.get(),
          emulator.calls().count(Harness.SM + "SetIamPolicy"));
    }
  }

  /** Adds viewers to the secrets in turn and removes every third one it added, each a read-modify-write. */
  static final class Writer implements Runnable {
    final SecretManagerServiceClient client;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger aborted = new AtomicInteger();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final Map<String, Set<String>> expected = new HashMap<>();

    Writer(SecretManagerServiceClient client) {
      this.client = client;
      for (int s = 0; s < SECRETS; s++) {
        expected.put("projects/100/secrets/tok" + s, new TreeSet<>());
      }
    }

    @Override
    public void run() {
      try {
        for (int i = 0; !stop.get(); i++) {
          String secret = "projects/100/secrets/tok" + (i % SECRETS);
          String member = "user:w" + i + "@example.org";
          boolean remove = i % 3 == 2 && !expected.get(secret).isEmpty();
          String removed = remove ? expected.get(secret).iterator().next() : null;
          readModifyWrite(secret, policy -> remove ? without(policy, removed) : with(policy, member));
          if (remove) {
            expected.get(secret).remove(removed);
          } else {
            expected.get(secret).add(member);
          }
          writes.incrementAndGet();
          Thread.sleep(1);
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    }

    private void readModifyWrite(String secret, java.util.function.UnaryOperator<Policy> change) {
      while (true) {
        Policy read = client.getIamPolicy(GetIamPolicyRequest.newBuilder().setResource(secret)
            .setOptions(GetPolicyOptions.newBuilder().setRequestedPolicyVersion(3)).build());
        try {
          client.setIamPolicy(SetIamPolicyRequest.newBuilder().setResource(secret)
              .setPolicy(change.apply(read).toBuilder().setVersion(3)).build());
          return;
        } catch (ApiException e) {
          if (e.getStatusCode().getCode() != StatusCode.Code.ABORTED) {
            throw e;
          }
          aborted.incrementAndGet();
        }
      }
    }

    private static Policy with(Policy policy, String member) {
      Policy.Builder next = policy.toBuilder();
      for (int i = 0; i < next.getBindingsCount(); i++) {
        if (next.getBindings(i).getRole().equals(VIEWER) && !next.getBindings(i).hasCondition()) {
          next.setBindings(i, next.getBindings(i).toBuilder().addMembers(member));
          return next.build();
        }
      }
      return next.addBindings(Binding.newBuilder().setRole(VIEWER).addMembers(member)).build();
    }

    private static Policy without(Policy policy, String member) {
      Policy.Builder next = policy.toBuilder();
      for (int i = 0; i < next.getBindingsCount(); i++) {
        Binding b = next.getBindings(i);
        if (b.getRole().equals(VIEWER) && b.getMembersList().contains(member)) {
          List<String> kept = new ArrayList<>(b.getMembersList());
          kept.remove(member);
          next.setBindings(i, b.toBuilder().clearMembers().addAllMembers(kept));
        }
      }
      return next.build();
    }
  }
}
