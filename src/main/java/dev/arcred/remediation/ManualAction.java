package dev.arcred.remediation;

import dev.arcred.model.Severity;

/**
 * A finding left for a person.
 *
 * @param fix the gcloud command from the finding, or "" when a person must decide what to do
 * @param why why arcred does not change it
 */
public record ManualAction(String repository, String rule, Severity severity, String detail, String fix, String why) {}
