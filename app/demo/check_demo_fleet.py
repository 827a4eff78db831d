#!/usr/bin/env python3
"""Checks the demo fleet without trusting its generator: the shape of every line (FLEET-FORMAT.md), the
consistency of names, numbers and ancestors, and, by an independent reading of RULES.md, that the findings the
fleet implies are exactly those of app/demo/expected.csv and expected-counts.csv. Also checks
app/demo-credentials.csv (the bulk-migration input). Exit 0 when all holds; else prints each problem, exit 1.

Usage: python3 app/demo/check_demo_fleet.py [--now RFC3339 ...]   (default 2026-12-01T00:00:00Z; several allowed)
"""
import csv
import json
import os
import re
import sys
from datetime import datetime, timedelta

APP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLEET = os.path.join(APP, "demo-fleet.ndjson")
EXPECTED = os.path.join(APP, "demo", "expected.csv")
COUNTS = os.path.join(APP, "demo", "expected-counts.csv")
MIGRATION = os.path.join(APP, "demo-credentials.csv")
CENTRAL = "acme-secrets"

# google.cloud.asset.v1.Asset fields this fleet may use (protobuf JSON names).
ASSET_KEYS = {"name", "assetType", "resource", "iamPolicy", "ancestors", "updateTime"}
RESOURCE_KEYS = {"version", "discoveryDocumentUri", "discoveryName", "resourceUrl", "parent", "data", "location"}
POLICY_KEYS = {"version", "bindings", "etag"}
BINDING_KEYS = {"role", "members", "condition"}
CONDITION_KEYS = {"title", "description", "expression"}

RULES = ["CREDENTIALS_MISSING", "CREDENTIALS_INCOMPLETE", "SECRET_REFERENCE_INVALID", "SECRET_NOT_FOUND",
         "SECRET_VERSION_NOT_FOUND", "SECRET_VERSION_DISABLED", "SECRET_VERSION_DESTROYED",
         "SECRET_VERSION_DESTROY_SCHEDULED", "SECRET_EXPIRING", "SECRET_VERSION_FLOATING",
         "SECRET_VERSION_SUPERSEDED", "SECRET_PUBLIC", "SERVICE_AGENT_NO_ACCESS",
         "SERVICE_AGENT_CONDITIONAL_ACCESS", "SERVICE_AGENT_BROAD_ACCESS", "CHECK_ERROR"]
REFERENCE = re.compile(r"projects/([a-z0-9][a-z0-9.:-]{0,62}[a-z0-9]|[0-9]+)/secrets/([A-Za-z0-9_-]{1,255})"
                       r"/versions/([1-9][0-9]*|[A-Za-z][A-Za-z0-9_-]*)")
PREDEFINED_GRANTING = {"roles/secretmanager.secretAccessor", "roles/secretmanager.admin", "roles/owner"}
PUBLIC = {"allUsers", "allAuthenticatedUsers"}

problems = []


def problem(message):
    problems.append(message)


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class Fleet:
    def __init__(self, path):
        self.org = None
        self.folders = {}        # id -> data
        self.projects = {}       # number -> data
        self.ids = {}            # project ID -> number
        self.policies = {}       # "organizations/O" | "folders/F" | "projects/N" | "projects/N/secrets/S" -> bindings
        self.roles = {}          # custom role name -> permissions
        self.secrets = {}        # projects/N/secrets/S -> data
        self.versions = {}       # projects/N/secrets/S -> {n: data}
        self.repositories = []   # (data, line)
        self.lines = []
        with open(path, encoding="utf-8") as f:
            for number, text in enumerate(f, 1):
                try:
                    line = json.loads(text)
                except json.JSONDecodeError as e:
                    problem(f"line {number}: not JSON ({e})")
                    continue
                self.lines.append((number, line))
        for number, line in self.lines:
            self.shape(number, line)
        for number, line in self.lines:
            self.index(number, line)

    def shape(self, number, line):
        where = f"line {number}"
        for key in ("name", "assetType", "ancestors"):
            if key not in line:
                problem(f"{where}: no {key}")
        if set(line) - ASSET_KEYS:
            problem(f"{where}: unknown Asset fields {sorted(set(line) - ASSET_KEYS)}")
        if ("resource" in line) == ("iamPolicy" in line):
            problem(f"{where}: needs exactly one of resource and iamPolicy")
        if "resource" in line and set(line["resource"]) - RESOURCE_KEYS:
            problem(f"{where}: unknown resource fields {sorted(set(line['resource']) - RESOURCE_KEYS)}")
        if "iamPolicy" in line:
            policy = line["iamPolicy"]
            if set(policy) - POLICY_KEYS or policy.get("version") != 3:
                problem(f"{where}: policy must be version 3 with known fields")
            for b in policy.get("bindings", []):
                if set(b) - BINDING_KEYS or not b.get("members") or not b.get("role"):
                    problem(f"{where}: bad binding {b}")
                if "condition" in b and (set(b["condition"]) - CONDITION_KEYS or "expression" not in b["condition"]):
                    problem(f"{where}: bad condition {b['condition']}")

    def index(self, number, line):
        kind, name = line.get("assetType", ""), line.get("name", "")
        resource_name = name.split("/", 3)[3] if name.startswith("//") else name
        if "iamPolicy" in line:
            self.policies[resource_name] = line["iamPolicy"].get("bindings", [])
            return
        data = line["resource"]["data"]
        if kind.endswith("/Organization"):
            self.org = data["name"]
        elif kind.endswith("/Folder"):
            self.folders[data["name"].split("/")[1]] = data
        elif kind.endswith("/Project"):
            self.projects[data["projectNumber"]] = data
            self.ids[data["projectId"]] = data["projectNumber"]
            if resource_name != f"projects/{data['projectNumber']}":
                problem(f"line {number}: Project asset not named by number")
        elif kind == "iam.googleapis.com/Role":
            self.roles[data["name"]] = set(data.get("includedPermissions", []))
        elif kind == "secretmanager.googleapis.com/Secret":
            self.secrets[data["name"]] = data
        elif kind == "secretmanager.googleapis.com/SecretVersion":
            secret, n = data["name"].rsplit("/versions/", 1)
            self.versions.setdefault(secret, {})[int(n)] = data
        elif kind == "artifactregistry.googleapis.com/Repository":
            self.repositories.append((data, line))
        else:
            problem(f"line {number}: unexpected assetType {kind}")
        if not kind.endswith("/Project") and resource_name != data.get("name"):
            problem(f"line {number}: asset name {name} does not match resource.data.name {data.get('name')}")

    def chain(self, parent):
        """Ancestors from a parent (folders/F or organizations/O) up, nearest first."""
        out = []
        while parent.startswith("folders/"):
            out.append(parent)
            parent = self.folders[parent.split("/")[1]]["parent"]
        return out + [parent]

    def project_ancestors(self, number):
        p = self.projects[number]["parent"]
        return [f"projects/{number}"] + self.chain(f"{p['type']}s/{p['id']}")


def check_consistency(fleet):
    if fleet.org is None:
        problem("no Organization line")
        return
    for number, line in fleet.lines:
        ancestors = line.get("ancestors", [])
        if not ancestors or ancestors[-1] != fleet.org:
            problem(f"line {number}: ancestors do not end with {fleet.org}")
            continue
        head = ancestors[0]
        if head.startswith("projects/"):
            n = head.split("/")[1]
            if n not in fleet.projects:
                problem(f"line {number}: ancestor {head} is no Project line")
            elif ancestors != fleet.project_ancestors(n):
                problem(f"line {number}: ancestors {ancestors} differ from the hierarchy")
            if "resource" in line and line["assetType"] != "cloudresourcemanager.googleapis.com/Project":
                owner = line["resource"].get("parent", "")
                if not (owner == f"//cloudresourcemanager.googleapis.com/projects/{n}" or
                        owner.startswith(f"//secretmanager.googleapis.com/projects/{n}/secrets/")):
                    problem(f"line {number}: resource.parent {owner} is not under {head}")
        elif head.startswith("folders/"):
            if ancestors != [head] + fleet.chain(fleet.folders[head.split("/")[1]]["parent"]):
                problem(f"line {number}: folder ancestors {ancestors} differ from the hierarchy")
    for data, line in fleet.repositories:
        m = re.fullmatch(r"projects/([^/]+)/locations/([^/]+)/repositories/([^/]+)", data["name"])
        if not m or m.group(1) not in fleet.ids:
            problem(f"{data['name']}: its project ID is no Project line")
            continue
        if line["resource"].get("location") != m.group(2):
            problem(f"{data['name']}: resource.location differs from the name")
        if line["ancestors"][0] != f"projects/{fleet.ids[m.group(1)]}":
            problem(f"{data['name']}: ancestors do not start with its project's number")
    for secret in list(fleet.secrets) + list(fleet.versions):
        if not re.fullmatch(r"projects/[0-9]+/secrets/[A-Za-z0-9_-]+", secret) or secret.split("/")[1] not in fleet.projects:
            problem(f"{secret}: not named by a known project number")
    for secret in fleet.versions:
        if secret not in fleet.secrets:
            problem(f"{secret}: versions of a secret with no Secret line")
        for n, v in fleet.versions[secret].items():
            if v["state"] == "DESTROYED" and "destroyTime" not in v:
                problem(f"{secret}/versions/{n}: destroyed without destroyTime")
            if v["state"] != "DESTROYED" and "destroyTime" in v:
                problem(f"{secret}/versions/{n}: destroyTime on a version that is {v['state']}")
            if "scheduledDestroyTime" in v and v["state"] != "DISABLED":
                problem(f"{secret}/versions/{n}: scheduledDestroyTime on a version that is {v['state']}")


def set_(value):
    return value is not None and value.strip() != ""


def audit(fleet, now):
    """{repository name: set of rules}, for every NPM remote, by RULES.md."""
    result = {}
    for data, _ in fleet.repositories:
        if data.get("format") != "NPM" or data.get("mode") != "REMOTE_REPOSITORY":
            continue
        repo_project = fleet.ids[data["name"].split("/")[1]]
        creds = data.get("remoteRepositoryConfig", {}).get("upstreamCredentials", {}) \
            .get("usernamePasswordCredentials", {})
        username, reference = creds.get("username"), creds.get("passwordSecretVersion")
        found = result[data["name"]] = set()
        if not set_(username) and not set_(reference):
            found.add("CREDENTIALS_MISSING")
        elif not set_(username) or not set_(reference):
            found.add("CREDENTIALS_INCOMPLETE")
        if not set_(reference):
            continue
        m = REFERENCE.fullmatch(reference.strip())
        if not m:
            found.add("SECRET_REFERENCE_INVALID")
            continue
        project, secret_id, version = m.groups()
        number = project if project.isdigit() else fleet.ids.get(project)
        secret_name = f"projects/{number}/secrets/{secret_id}"
        secret = fleet.secrets.get(secret_name)
        if secret is None:
            found.add("SECRET_NOT_FOUND")
            continue
        versions = fleet.versions.get(secret_name, {})
        if version.isdigit():
            resolved = int(version)
        else:
            found.add("SECRET_VERSION_FLOATING")
            if version == "latest":
                resolved = max(versions) if versions else None
            else:
                alias = secret.get("versionAliases", {}).get(version)
                resolved = int(alias) if alias is not None else None
        v = versions.get(resolved)
        if v is None:
            found.add("SECRET_VERSION_NOT_FOUND")
        else:
            state = v["state"]
            if state == "DISABLED":
                found.add("SECRET_VERSION_DISABLED")
            if state == "DESTROYED":
                found.add("SECRET_VERSION_DESTROYED")
            if "scheduledDestroyTime" in v and state != "DESTROYED":
                found.add("SECRET_VERSION_DESTROY_SCHEDULED")
            if version.isdigit() and state == "ENABLED" and any(
                    n > resolved and w["state"] == "ENABLED" for n, w in versions.items()):
                found.add("SECRET_VERSION_SUPERSEDED")
        if "expireTime" in secret and instant(secret["expireTime"]) <= now + timedelta(days=30):
            found.add("SECRET_EXPIRING")
        # The effective allow policy: the secret's own bindings, then those above it.
        levels = [(secret_name, "secret")] + [(a, "above") for a in fleet.project_ancestors(number)]
        effective = [(b, level) for name, level in levels for b in fleet.policies.get(name, [])]

        def granting(role):
            return role in PREDEFINED_GRANTING or "secretmanager.versions.access" in fleet.roles.get(role, set())

        if any(granting(b["role"]) and PUBLIC & set(b["members"]) for b, _ in effective):
            found.add("SECRET_PUBLIC")
        member = f"serviceAccount:service-{repo_project}@gcp-sa-artifactregistry.iam.gserviceaccount.com"
        grants = [(b, level) for b, level in effective if granting(b["role"]) and member in b["members"]]
        if not grants:
            found.add("SERVICE_AGENT_NO_ACCESS")
        elif all("condition" in b for b, _ in grants):
            found.add("SERVICE_AGENT_CONDITIONAL_ACCESS")
        if any(level == "above" for _, level in grants):
            found.add("SERVICE_AGENT_BROAD_ACCESS")
    return result


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def check_expectations(fleet, findings):
    rows = read_csv(EXPECTED)
    present = {}
    named = set()
    for row in rows:
        repo, rule, expect = row["repository"], row["rule"], row["expect"]
        named.add(repo)
        if rule == "AUDITED":
            if (repo in findings) != (expect == "present"):
                problem(f"{repo}: AUDITED expected {expect}")
        elif expect == "present":
            present.setdefault(repo, set()).add(rule)
        elif rule in findings.get(repo, set()):
            problem(f"{repo}: {rule} expected absent, is present")
    for data, _ in fleet.repositories:
        if data["name"] not in named:
            problem(f"{data['name']}: not in expected.csv")
    for repo, found in findings.items():
        if found != present.get(repo, set()):
            problem(f"{repo}: derived {sorted(found)} but expected.csv says {sorted(present.get(repo, set()))}")
    counts = {rule: 0 for rule in RULES}
    for found in findings.values():
        for rule in found:
            counts[rule] += 1
    counts["AUDITED"] = len(findings)
    for row in read_csv(COUNTS):
        if counts.get(row["rule"], 0) != int(row["count"]):
            problem(f"count of {row['rule']}: derived {counts.get(row['rule'], 0)}, expected-counts.csv says {row['count']}")
    missing = [r for r in RULES if r != "CHECK_ERROR" and counts[r] == 0]
    if missing:
        problem(f"rules that never fire: {missing}")
    return counts


def check_migration(fleet, findings):
    """Every CREDENTIALS_MISSING/INCOMPLETE repository is covered once, by rows matching only such repositories,
    each naming a username and an existing ENABLED version of a secret in the central project."""
    wanting = {r for r, f in findings.items() if f & {"CREDENTIALS_MISSING", "CREDENTIALS_INCOMPLETE"}}
    every = {data["name"] for data, _ in fleet.repositories}
    covered = {}
    central = fleet.ids[CENTRAL]
    for row in read_csv(MIGRATION):
        pattern = re.compile("".join("[^/]*" if c == "*" else re.escape(c) for c in row["repository"]))
        matched = {r for r in every if pattern.fullmatch(r)}
        if not matched or matched - wanting:
            problem(f"migration row {row['repository']}: matches {sorted(matched - wanting) or 'nothing'} beyond "
                    f"the repositories that want credentials")
        for r in matched:
            covered[r] = covered.get(r, 0) + 1
        m = REFERENCE.fullmatch(row["secret_version"])
        number = m and (m.group(1) if m.group(1).isdigit() else fleet.ids.get(m.group(1)))
        ok = m and number == central and m.group(3).isdigit() and \
            fleet.versions.get(f"projects/{number}/secrets/{m.group(2)}", {}).get(int(m.group(3)), {}).get("state") == "ENABLED"
        if not ok or not row["username"].strip():
            problem(f"migration row {row['repository']}: needs a username and an ENABLED pinned version in {CENTRAL}")
    for r in wanting:
        if covered.get(r) != 1:
            problem(f"{r}: covered {covered.get(r, 0)} times by {os.path.basename(MIGRATION)}")


def main(argv):
    nows = [instant(argv[i + 1]) for i, a in enumerate(argv) if a == "--now"] or [instant("2026-12-01T00:00:00Z")]
    fleet = Fleet(FLEET)
    check_consistency(fleet)
    for now in nows:
        findings = audit(fleet, now)
        counts = check_expectations(fleet, findings)
    check_migration(fleet, findings)
    text = open(FLEET, encoding="utf-8").read()
    for hostile in ("<script>alert('demo')</script>", '"username":"=HYPERLINK(', "<b>"):
        if hostile not in text:
            problem(f"hostile value {hostile!r} missing")
    npm = len(findings)
    if npm < 45 or len(fleet.projects) < 12:
        problem(f"too small: {npm} npm remotes, {len(fleet.projects)} projects")
    for p in problems:
        print(p)
    print(f"{len(fleet.lines)} lines, {len(fleet.folders)} folders, {len(fleet.projects)} projects, "
          f"{len(fleet.secrets)} secrets, {npm} npm remotes audited, {len(fleet.repositories) - npm} other "
          f"repositories; findings: " + ", ".join(f"{r} {counts[r]}" for r in RULES if counts[r]))
    print("OK" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
