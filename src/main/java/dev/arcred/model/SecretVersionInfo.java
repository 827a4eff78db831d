package dev.arcred.model;

import java.time.Instant;

/** A secret version's metadata (never its payload). scheduledDestroyTime is null unless a destroy is scheduled. */
public record SecretVersionInfo(long number, VersionState state, Instant scheduledDestroyTime) {}
