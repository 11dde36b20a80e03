"""Independent reference audit for Kingsnake's correctness test.

Computes the set of (package, installed version, advisory id) for one or more installed environments
against a directory of OSV records, using only the standard library, PyYAML and the reference
implementation of PEP 440: pip's vendored `packaging` 24.1 from CPython 3.13 (put on sys.path here,
so this script runs under any Python 3 that has PyYAML, e.g. /root/.pyenv/versions/3.11.7).

Usage: reference_audit.py OSV_DIR ENV_DIR [ENV_DIR ...]
       reference_audit.py OSV_DIR --probes < probes.jsonl   (lines {"package": ..., "version": ..., "advisory": ...})
Output: one JSON object per line: {"package": ..., "version": ..., "advisory": ...}, sorted.

OSV semantics (https://ossf.github.io/osv-schema/): a version is affected when it is listed in
`versions` or lies in an ECOSYSTEM range. Events are sorted by version; at equal versions `fixed`
and `last_affected` come before `introduced` (so that [0, X) followed by [X, Y) covers X). Withdrawn
records are skipped. A range with an event version that is not PEP 440 cannot be ordered and is not
evaluated (its bounds are unknown: guessing them either flags every release or none); the record's
`versions` list still applies. Installed versions that are not PEP 440 only match `versions` entries
by exact string; a local version (1.0+cpu) matches a listed 1.0.
"""
import functools
import importlib.metadata
import json
import os
import sys

PACKAGING_DIR = "/root/.pyenv/versions/3.13.0/lib/python3.13/site-packages/pip/_vendor"
sys.path.insert(0, PACKAGING_DIR)
import packaging  # noqa: E402
from packaging.utils import canonicalize_name  # noqa: E402
from packaging.version import InvalidVersion, Version  # noqa: E402
import yaml  # noqa: E402

assert packaging.__version__ == "24.1", packaging.__version__


@functools.lru_cache(maxsize=None)
def parse(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None


def load_records(root):
    records = []
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.endswith((".yaml", ".yml", ".json")):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                if name.endswith(".json"):
                    record = json.load(handle)
                else:
                    record = yaml.load(handle, Loader=yaml.BaseLoader)  # every scalar stays a string
            if record.get("withdrawn"):
                continue
            records.append(record)
    return records


def in_range(version, events):
    keyed = []
    for event in events:
        ((kind, value),) = event.items()
        if kind == "introduced" and value == "0":
            keyed.append((None, 0, kind, None))
            continue
        parsed = parse(value)
        if parsed is None:
            return False
        keyed.append((parsed, 0 if kind in ("fixed", "last_affected", "limit") else 1, kind, parsed))
    keyed.sort(key=lambda item: (item[0] is not None, item[0] or Version("0"), item[1]))
    for _, _, kind, bound in keyed:
        if kind == "limit" and version >= bound:
            return False
    affected = False
    for _, _, kind, bound in keyed:
        if kind == "introduced" and (bound is None or version >= bound):
            affected = True
        elif kind == "fixed" and version >= bound:
            affected = False
        elif kind == "last_affected" and version > bound:
            affected = False
    return affected


_listed_cache = {}


def listed_versions(entry):
    """The entry's versions[] as raw strings and as parsed versions (hashable, so lookups are exact and fast)."""
    key = id(entry)
    if key not in _listed_cache:
        raw = set(entry.get("versions", []))
        parsed = {v for v in map(parse, raw) if v is not None}
        _listed_cache[key] = (raw, parsed)
    return _listed_cache[key]


def is_affected(raw_version, entry):
    version = parse(raw_version)
    raw, parsed = listed_versions(entry)
    if raw_version in raw:
        return True
    # A local build (1.0+cpu) is a build of the listed release, as `==1.0` would say.
    if version is not None and (version in parsed or Version(version.public) in parsed):
        return True
    if version is None:
        return False
    for rng in entry.get("ranges", []):
        if rng.get("type") == "ECOSYSTEM" and in_range(version, rng.get("events", [])):
            return True
    return False


def main():
    records = load_records(sys.argv[1])
    by_package = {}
    for record in records:
        for entry in record.get("affected", []):
            package = entry.get("package", {})
            if package.get("ecosystem") != "PyPI":
                continue
            by_package.setdefault(canonicalize_name(package["name"]), []).append((record["id"], entry))

    results = set()
    if sys.argv[2:] == ["--probes"]:
        for line in sys.stdin:
            probe = json.loads(line)
            normalized = canonicalize_name(probe["package"])
            for advisory_id, entry in by_package.get(normalized, []):
                if advisory_id == probe["advisory"] and is_affected(probe["version"], entry):
                    results.add((normalized, probe["version"], advisory_id))
        for package, version, advisory in sorted(results):
            print(json.dumps({"package": package, "version": version, "advisory": advisory}))
        return

    for env in sys.argv[2:]:
        for dist in importlib.metadata.distributions(path=[env]):
            name = dist.metadata["Name"]
            version = dist.version
            if not name or not version:
                continue
            normalized = canonicalize_name(name)
            for advisory_id, entry in by_package.get(normalized, []):
                if is_affected(version, entry):
                    results.add((normalized, version, advisory_id))

    for package, version, advisory in sorted(results):
        print(json.dumps({"package": package, "version": version, "advisory": advisory}))


if __name__ == "__main__":
    main()
