package dev.arcred.emulator.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * A repository to write. {@code config} is the whole {@code remoteRepositoryConfig} or
 * {@code virtualRepositoryConfig} object (null for a standard repository), under the key {@code configKey}.
 * {@code fault} is the fault planted in an npm remote (null: healthy or not audited).
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
    boolean centralSecret) {}
