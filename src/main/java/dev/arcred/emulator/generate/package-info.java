/**
 * The fleet generator: a realistic organization at any scale, written as a fleet file (FLEET-FORMAT.md), with the
 * exact findings an audit of it must report. Entry points: {@link dev.arcred.emulator.generate.FleetGenerator}
 * ({@code write(Path)} or {@code write(Writer)}, from a {@link dev.arcred.emulator.generate.FleetSpec}) and, on the
 * command line, {@code dev.arcred.cli.GenerateCommand}.
 *
 * <p>A healthy npm remote: a username, and a reference pinned to the newest version (ENABLED) of a token shared
 * with other repositories (its business unit's in {@code platform-secrets}, or its own project's), the agent of
 * its project granted Secret Accessor (or a custom role holding {@code secretmanager.versions.access}) on the
 * secret itself. A project keeps its npm remotes in its home location (the projects spread evenly over the
 * regions); about one project in ten keeps some in a second location too, so that an audit lists repositories in
 * about 1.1 project-locations per project. Each broken repository differs by one fault:
 * <ul>
 *   <li>CREDENTIALS_MISSING: no upstreamCredentials (sometimes an empty object, or a blank username).
 *   <li>CREDENTIALS_INCOMPLETE: a username and no reference, or a healthy reference and no username.
 *   <li>SECRET_REFERENCE_INVALID: {@code versions/0}, {@code versions/03}, the regional
 *       {@code projects/P/locations/L/secrets/...} form, a bare secret ID, no version, or an extra segment.
 * </ul>
 * The other faults come in groups of about ten repositories of one kind, in nearby projects (mostly of one
 * business unit), so that a broken token breaks several repositories at once and an audit confirms about one
 * secret per ten failing chains. Faults of the reference use the central tokens of each member's unit:
 * <ul>
 *   <li>SECRET_NOT_FOUND: the group's well-formed reference to {@code <token>-legacy|old|2024|deprecated} in the
 *       central project, which no project has.
 *   <li>SECRET_VERSION_NOT_FOUND: the unit's token pinned beyond its newest version.
 *   <li>SECRET_VERSION_FLOATING: the unit's token by {@code latest} (newest is ENABLED), or the Artifactory token by
 *       its {@code current} alias.
 *   <li>SECRET_VERSION_SUPERSEDED: the unit's npmjs token pinned to its second-newest version; both newest are
 *       ENABLED (a rotation in progress).
 * </ul>
 * The faults of the secret or of access give each group a secret of its own, {@code <token>-<team>-<NNN>}, which
 * nobody else references: in the central project, or (one group in five, never when a member's project has a
 * broad-access fault) in the project of the group's first repository. Its policy names the members' agents:
 * <ul>
 *   <li>SECRET_VERSION_DISABLED: the pinned version DISABLED (alone, after an enabled one, or before one).
 *   <li>SECRET_VERSION_DESTROYED: the pinned version DESTROYED (with destroyTime), alone or before an enabled one.
 *   <li>SECRET_VERSION_DESTROY_SCHEDULED: v1 DISABLED with scheduledDestroyTime 1 to 29 days after now (30-day
 *       versionDestroyTtl), v2 ENABLED, pinned to v1; it raises SECRET_VERSION_DISABLED too.
 *   <li>SECRET_EXPIRING: expireTime 1 to 28 days after now.
 *   <li>SECRET_PUBLIC: the agents granted, and allAuthenticatedUsers or allUsers too (Secret Accessor or the
 *       npmTokenReader custom role).
 *   <li>SERVICE_AGENT_NO_ACCESS: other agents of the unit granted instead (copied from another secret), or the
 *       members' agents given Secret Version Manager, Secret Manager Viewer or the secretMetadataViewer custom
 *       role, or the developers' group granted, or Editor on their projects and nothing on the secret.
 *   <li>SERVICE_AGENT_CONDITIONAL_ACCESS: the agents' only grant carries a condition.
 *   <li>SERVICE_AGENT_BROAD_ACCESS: nothing for the agents on the secret; Secret Accessor (or npmTokenReader) for all
 *       of them on the project holding it or on its folder (never the central project's folder). Every other npm
 *       remote of those projects keeps its token, and the secrets of its other faults, in the central project, out
 *       of the grant's reach.
 * </ul>
 * Timestamps are placed around the spec's {@code now} (default 2026-12-01T00:00:00Z); the expected counts hold for
 * an audit at that {@code now} and for a year after it.
 */
package dev.arcred.emulator.generate;
