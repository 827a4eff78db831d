package dev.arcred.emulator.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * A repository to write. {@code config} is the whole {@code remoteRepositoryConfig} or
 * {@code virtualRepositoryConfig} object (null for a standard repository), under the key {@code configKey}.
 * {@code fault} is the fault planted in an npm remote (null: healthy or not audited); {@code checkedSecret} the
 * secret ({@code projects/NUMBER/secrets/ID}) of an npm remote whose fault is of the secret, its versions or its
 * access (a failing chain an audit confirms with Secret Manager), else null.
 */
record RepoPlan(
    String location,
    String id,
    String format,
    String mode,
    String description,
    Map<String, String> labels,
    Instant created,
    Instant updated,
    long sizeBytes,
    String configKey,
    ObjectNode config,
    boolean audited,
    FaultKind fault,
    boolean centralSecret,
    String checkedSecret) {}
