package dev.arcred.remediation;

import static dev.arcred.remediation.FleetText.ACCESSOR;
import static dev.arcred.remediation.FleetText.agent;
import static dev.arcred.remediation.FleetText.binding;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.iam.v1.Policy;
import dev.arcred.emulator.Emulator;
import dev.arcred.inventory.Connection;
import dev.arcred.inventory.GoogleClients;
import dev.arcred.inventory.RateLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every write of apply and rollback is held to the client-side quota of its API. */
class TargetsTest {
  @Test
  void writesArePacedToTheirQuota() {
    String fleet = new FleetText().project("central", "100").secret("central", "tok", "ENABLED")
        .secretPolicy("central", "tok", binding(ACCESSOR, "user:owner@example.org")).text();
    try (Emulator emulator = Harness.serve(fleet);
        GoogleClients clients = GoogleClients.connect(Connection.emulator(emulator.endpoint()))) {
      Targets targets = new Targets(clients,
          new RateLimits(Map.of(RateLimits.Quota.SECRET_MANAGER_WRITE, 2), Duration.ofMillis(500)));
      long start = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        Policy read = targets.policy("projects/100/secrets/tok");
        targets.setPolicy("projects/100/secrets/tok", Policies.withMember(read, ACCESSOR, agent(Integer.toString(200 + i))));
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).as("5 writes at 2 per 500 ms").isGreaterThanOrEqualTo(1000);
      assertThat(emulator.state().iamPolicy("//secretmanager.googleapis.com/projects/100/secrets/tok").orElseThrow()
          .getBindings(0).getMembersCount()).isEqualTo(6);
    }
  }
}
