"""Differential-test oracle: pip's vendored packaging 24.1 (run with CPython 3.13's interpreter).

Reads one JSON object per line on stdin ({"kind": ..., ...}) and writes one JSON answer per line on
stdout, in the same order. Every answer that the reference computes by raising says so with
{"error": "<ExceptionType>", "message": str(exception)}; C# tests compare answers field by field.
"""
import json
import sys
import warnings

from pip._vendor.packaging import __version__ as packaging_version
from pip._vendor.packaging.markers import Marker
from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.specifiers import Specifier, SpecifierSet
from pip._vendor.packaging.utils import canonicalize_name, canonicalize_version
from pip._vendor.packaging.version import Version

warnings.simplefilter("ignore")  # ast.literal_eval warns about invalid escapes in marker strings
sys.setrecursionlimit(1000)


def failure(exc):
    return {"error": type(exc).__name__, "message": str(exc)}


def answer_version(case):
    try:
        v = Version(case["text"])
    except Exception as exc:  # noqa: BLE001 - ValueError for >4300 digits too
        return failure(exc)
    return {
        "str": str(v),
        "public": v.public,
        "base": v.base_version,
        "local": v.local,
        "pre": v.is_prerelease,
        "post": v.is_postrelease,
        "dev": v.is_devrelease,
        "canonical": canonicalize_version(v),
    }


def answer_compare(case):
    try:
        a, b = Version(case["a"]), Version(case["b"])
    except Exception as exc:  # noqa: BLE001
        return failure(exc)
    return {"sign": (a > b) - (a < b), "eq": a == b, "hash_eq": hash(a) == hash(b)}


def answer_specifier(case):
    try:
        s = SpecifierSet(case["spec"])
    except Exception as exc:  # noqa: BLE001
        return failure(exc)
    result = {"str": str(s), "count": len(s)}
    try:
        result["prereleases"] = s.prereleases
    except Exception as exc:  # noqa: BLE001
        result["prereleases"] = "error:" + type(exc).__name__
    return result


def answer_contains(case):
    try:
        s = SpecifierSet(case["spec"])
        return {"result": s.contains(case["version"], prereleases=case.get("pre"))}
    except Exception as exc:  # noqa: BLE001
        return failure(exc)


def answer_filter(case):
    try:
        s = SpecifierSet(case["spec"])
        return {"result": list(s.filter(case["versions"], prereleases=case.get("pre")))}
    except Exception as exc:  # noqa: BLE001
        return failure(exc)


def answer_requirement(case):
    try:
        r = Requirement(case["text"])
    except Exception as exc:  # noqa: BLE001
        return failure(exc)
    return {
        "str": str(r),
        "name": r.name,
        "extras": sorted(r.extras),
        "specifier": str(r.specifier),
        "url": r.url,
        "marker": None if r.marker is None else str(r.marker),
    }


def evaluate(marker, environment):
    try:
        return marker.evaluate(environment)
    except Exception as exc:  # noqa: BLE001
        return "error:" + type(exc).__name__


def answer_marker(case):
    try:
        m = Marker(case["text"])
    except Exception as exc:  # noqa: BLE001
        return failure(exc)
    return {"str": str(m), "results": [evaluate(m, env) for env in case.get("envs", [])]}


def answer_name(case):
    try:
        validated = canonicalize_name(case["text"], validate=True)
        valid = True
    except Exception:  # noqa: BLE001
        validated, valid = None, False
    return {"canonical": canonicalize_name(case["text"]), "valid": valid, "validated": validated}


HANDLERS = {
    "version": answer_version,
    "compare": answer_compare,
    "specifier": answer_specifier,
    "contains": answer_contains,
    "filter": answer_filter,
    "requirement": answer_requirement,
    "marker": answer_marker,
    "name": answer_name,
}


def main():
    if packaging_version != "24.1":
        sys.exit(f"oracle must be packaging 24.1, found {packaging_version}")
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        try:
            answer = HANDLERS[case["kind"]](case)
        except RecursionError as exc:
            answer = failure(exc)
        out.write(json.dumps(answer) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
