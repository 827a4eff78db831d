package dev.arcred.emulator;

import com.google.iam.v1.Binding;
import com.google.iam.v1.Policy;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A concurrent writer, as other people's automation is in a real organization: every period it edits one secret's
 * allow policy, adding a binding of {@link #ROLE} for one of its own members or removing one it added. The etag
 * moves and Cloud Asset records a change, but who can read a payload never changes.
 */
final class IamWriter implements AutoCloseable {
  static final String ROLE = "roles/secretmanager.viewer";
  static final String MEMBER_PREFIX = "user:iam-writer-";

  private final FleetState state;
  private final List<String> secrets;
  private final Random random;
  private final ScheduledExecutorService timer;
  private final AtomicLong edits = new AtomicLong();

  IamWriter(FleetState state, Duration period, long seed) {
    this.state = state;
    this.secrets = state.resourceAssets().stream().filter(a -> a.getAssetType().equals(FleetState.SECRET))
        .map(a -> a.getName()).toList();
    this.random = new Random(seed);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "arcred-emulator-iam-writer");
      t.setDaemon(true);
      return t;
    });
    long nanos = Math.max(1, period.toNanos());
    timer.scheduleAtFixedRate(this::editOne, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** Policies edited so far. */
  long edits() {
    return edits.get();
  }

  private void editOne() {
    if (secrets.isEmpty()) {
      return;
    }
    String secret = secrets.get(random.nextInt(secrets.size()));
    String member = MEMBER_PREFIX + random.nextInt(4) + "@example.com";
    try {
      state.replaceIamPolicy(secret, policy -> toggle(policy, member));
      edits.incrementAndGet();
    } catch (RuntimeException e) {
      // the secret went away (or a bug): the writer keeps going, as the real ones do
    }
  }

  /** Adds the member to the writer's binding, or removes it when it is there. */
  static Policy toggle(Policy policy, String member) {
    Policy.Builder next = policy.toBuilder().clearEtag().clearBindings();
    boolean found = false;
    for (Binding b : policy.getBindingsList()) {
      if (b.getRole().equals(ROLE) && !b.hasCondition() && b.getMembersList().contains(member)) {
        found = true;
        List<String> rest = b.getMembersList().stream().filter(m -> !m.equals(member)).toList();
        if (!rest.isEmpty()) {
          next.addBindings(b.toBuilder().clearMembers().addAllMembers(rest));
        }
      } else {
        next.addBindings(b);
      }
    }
    if (!found) {
      int own = -1;
      for (int i = 0; i < next.getBindingsCount(); i++) {
        if (next.getBindings(i).getRole().equals(ROLE) && !next.getBindings(i).hasCondition()) {
          own = i;
        }
      }
      if (own >= 0) {
        next.setBindings(own, next.getBindings(own).toBuilder().addMembers(member));
      } else {
        next.addBindings(Binding.newBuilder().setRole(ROLE).addMembers(member));
      }
    }
    return next.setVersion(Math.max(1, policy.getVersion())).build();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
