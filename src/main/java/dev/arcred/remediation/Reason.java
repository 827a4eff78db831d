package dev.arcred.remediation;

/**
 * Why a change is planned: a finding it fixes, or (for a grant a migration needs) the finding the migration would
 * otherwise cause. Verification checks that the finding is gone.
 *
 * @param repository the repository the finding is about
 * @param rule its rule ID
 * @param detail the finding's detail, or why the change is needed
 */
public record Reason(String repository, String rule, String detail) {}
