package dev.arcred.model;

import java.util.Optional;

/**
 * Everything read about one repository's chain: what the checks judge. Built by inventory, judged purely.
 *
 * @param credentials from the Artifact Registry API
 * @param secret the referenced secret with its versions; skipped when the reference is absent or malformed
 * @param policy the secret's effective allow policy; skipped when the secret was not found
 * @param roles custom roles known in the organization
 */
public record ChainFacts(
    Repository repository,
    Lookup<Credentials> credentials,
    Lookup<SecretInfo> secret,
    Lookup<EffectivePolicy> policy,
    RoleCatalog roles) {

  /** The parsed reference, when credentials were read and the reference is well formed. */
  public Optional<SecretRef> reference() {
    return credentials.value().flatMap(c -> c.hasReference() ? SecretRef.parse(c.passwordSecretVersion()) : Optional.empty());
  }
}
