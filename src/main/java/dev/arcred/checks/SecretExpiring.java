package dev.arcred.checks;

import dev.arcred.model.AuditSettings;
import dev.arcred.model.ChainFacts;
import dev.arcred.model.Finding;
import dev.arcred.model.Link;
import dev.arcred.model.RuleIds;
import dev.arcred.model.SecretInfo;
import dev.arcred.model.SecretRef;
import dev.arcred.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The secret's expireTime falls within the warning window: Secret Manager deletes the secret then. */
public final class SecretExpiring extends AbstractRule {
  public SecretExpiring() {
    super(RuleIds.SECRET_EXPIRING, Severity.MEDIUM, "The secret expires within the warning window");
  }

  @Override
  public List<Finding> check(ChainFacts facts, AuditSettings settings) {
    Optional<SecretInfo> secret = Chain.secret(facts);
    Instant expires = secret.map(SecretInfo::expireTime).orElse(null);
    if (expires == null || expires.isAfter(settings.now().plus(settings.expiryWarning()))) {
      return List.of();
    }
    SecretRef ref = Chain.reference(facts).orElseThrow();
    String when = expires.isAfter(settings.now())
        ? "expires at " + expires + ", in " + Duration.between(settings.now(), expires).toDays() + " days (the"
            + " warning window is " + settings.expiryWarning().toDays() + " days)"
        : "expired at " + expires;
    return List.of(finding(facts, Link.SECRET,
        "Secret " + ref.secretName() + " " + when + ": Secret Manager then deletes it with all its versions, and"
            + " pulls of private packages fail. Remove the expiration, or set a later one.",
        GcloudCommands.removeExpiration(ref.project(), ref.secret())));
  }
}
