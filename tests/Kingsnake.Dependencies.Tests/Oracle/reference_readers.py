"""Reference readings of real dependency files, for Kingsnake's differential tests.

Run by the interpreter whose vendored pip is the reference (pip's own requirements-file parser and its vendored
packaging), once per test class, for every file at once:

    python3 -I reference_readers.py requirements|pyproject|pipfile-lock FILE...

Prints one JSON document: {"files": [{"path": ..., "error": str|null, "entries": [...]}, ...]}.
Nothing here is Kingsnake's code; it only calls the reference implementations and reports what they say.
"""

import json
import os
import re
import sys


def requirements(paths):
    from pip._internal.exceptions import InstallationError
    from pip._internal.network.session import PipSession
    from pip._internal.req.constructors import install_req_from_parsed_requirement
    from pip._internal.req.req_file import parse_requirements
    from pip._vendor.packaging.utils import canonicalize_name

    session = PipSession()
    origin = re.compile(r"^(-[rc]) (.*) \(line (\d+)\)$")
    files = []
    for path in paths:
        entries = []
        error = None
        # pip resolves a requirement's local path against the working directory (only -r/-c targets are relative to
        # the including file); these files are used from their own folder, so read each one from there.
        os.chdir(os.path.dirname(os.path.abspath(path)))
        try:
            for parsed in parse_requirements(path, session=session):
                match = origin.match(parsed.comes_from)
                ireq = install_req_from_parsed_requirement(parsed, isolated=True)
                req = ireq.req
                # Digests lower-cased, as pip's Hashes compares them (pip/_internal/utils/hashes.py).
                hashes = sorted(
                    f"{algorithm}:{digest.lower()}"
                    for algorithm, digests in ireq.hash_options.items()
                    for digest in digests
                )
                entries.append({
                    "file": match.group(2),
                    "line": int(match.group(3)),
                    "constraint": parsed.constraint,
                    "text": parsed.requirement,
                    "name": canonicalize_name(ireq.name) if ireq.name else None,
                    "raw_name": ireq.name,
                    "specifier": sorted(str(s) for s in req.specifier) if req is not None else [],
                    "extras": sorted(req.extras if req is not None else ireq.extras),
                    "marker": str(ireq.markers) if ireq.markers is not None else "",
                    "url": ireq.link.url if ireq.link is not None else None,
                    "local_path": ireq.link.file_path if ireq.link is not None and ireq.link.is_file else None,
                    "editable": ireq.editable,
                    "hashes": hashes,
                })
        except InstallationError as ex:
            error = str(ex)
        except (Exception, SystemExit) as ex:  # pip lets some faults through raw (a bad marker, shlex's quotes)
            error = f"{type(ex).__name__}: {ex}"
        files.append({"path": path, "error": error, "entries": entries})
    return files


def _string_lines(text, start, values):
    """The 1-based line of each quoted value, searched in order from offset start (as written in an array)."""
    lines = []
    position = start
    for value in values:
        found = -1
        for quote in ('"', "'"):
            candidate = text.find(quote + value + quote, position)
            if candidate >= 0 and (found < 0 or candidate < found):
                found = candidate
        if found < 0:
            lines.append(0)
            continue
        lines.append(text.count("\n", 0, found) + 1)
        position = found + len(value) + 2
    return lines


def _key_offset(text, table, key):
    """Offset of `key =` inside [table] (or of the [table.key] header), or -1."""
    header = re.search(r"(?m)^\[\s*" + re.escape(table) + r"\s*\]\s*$", text)
    if header is not None:
        end = re.compile(r"(?m)^\[").search(text, header.end())
        section_end = end.start() if end is not None else len(text)
        assignment = re.compile(r"(?m)^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=").search(text, header.end(), section_end)
        if assignment is not None:
            return assignment.start()
    sub = re.search(r"(?m)^\[\s*" + re.escape(table + "." + key) + r"\s*\]\s*$", text)
    return sub.start() if sub is not None else -1


def pyproject(paths):
    import tomllib
    from pip._vendor.packaging.requirements import InvalidRequirement, Requirement
    from pip._vendor.packaging.utils import canonicalize_name

    files = []
    for path in paths:
        entries = []
        error = None
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
            text = raw.decode("utf-8")
            document = tomllib.loads(text)
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as ex:
            files.append({"path": path, "error": str(ex), "entries": []})
            continue

        def add(values, lines, group):
            for value, line in zip(values, lines):
                entry = {"group": group, "line": line, "text": value}
                try:
                    req = Requirement(value)
                    entry.update({
                        "name": canonicalize_name(req.name),
                        "specifier": sorted(str(s) for s in req.specifier),
                        "extras": sorted(req.extras),
                        "marker": str(req.marker) if req.marker is not None else "",
                        "url": req.url,
                        "error": None,
                    })
                except InvalidRequirement as ex:
                    entry["error"] = str(ex)
                entries.append(entry)

        def add_list(values, offset, group):
            add(values, _string_lines(text, max(offset, 0), values), group)

        project = document.get("project", {})
        if isinstance(project.get("dependencies"), list):
            add_list(project["dependencies"], _key_offset(text, "project", "dependencies"), "")
        for extra, values in (project.get("optional-dependencies") or {}).items():
            offset = _key_offset(text, "project.optional-dependencies", extra)
            if offset < 0:
                offset = _key_offset(text, "project", "optional-dependencies")
            add_list(values, offset, canonicalize_name(extra))

        # PEP 735: each group holds strings and {include-group = "..."} tables, which expand in place (in the
        # order written); an included entry keeps the line where its own group writes it.
        groups = document.get("dependency-groups") or {}
        by_name = {}
        for original, values in groups.items():
            strings = [v for v in values if isinstance(v, str)]
            lines = _string_lines(text, max(_key_offset(text, "dependency-groups", original), 0), strings)
            by_name[canonicalize_name(original)] = (values, dict(zip(range(len(strings)), lines)))

        def expand(name, chain):
            values, lines = by_name[name]
            index = 0
            for value in values:
                if isinstance(value, str):
                    yield value, lines[index]
                    index += 1
                elif isinstance(value, dict) and "include-group" in value:
                    target = canonicalize_name(value["include-group"])
                    if target in by_name and target not in chain:
                        yield from expand(target, chain + [target])

        for name in by_name:
            pairs = list(expand(name, [name]))
            add([v for v, _ in pairs], [line for _, line in pairs], name)
        files.append({"path": path, "error": error, "entries": entries})
    return files


def pipfile_lock(paths):
    files = []
    for path in paths:
        with open(path, "rb") as handle:
            raw = handle.read()
        entries = []
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as ex:
            files.append({"path": path, "error": str(ex), "entries": []})
            continue
        text = raw.decode("utf-8")
        for section, group in (("default", ""), ("develop", "develop")):
            packages = document.get(section) or {}
            position = text.find(json.dumps(section) + ":")
            for name, package in packages.items():
                key = text.find(json.dumps(name) + ":", max(position, 0))
                position = key if key >= 0 else position
                version = package.get("version", "")
                entries.append({
                    "group": group,
                    "line": text.count("\n", 0, key) + 1 if key >= 0 else 0,
                    "name": name,
                    "version": version[2:] if version.startswith("==") else version,
                    "hashes": sorted(package.get("hashes", [])),
                    "marker": package.get("markers", ""),
                })
        files.append({"path": path, "error": None, "entries": entries})
    return files


def main():
    mode, paths = sys.argv[1], sys.argv[2:]
    readers = {"requirements": requirements, "pyproject": pyproject, "pipfile-lock": pipfile_lock}
    # Whatever pip prints (warnings, optparse's usage) must not mix with the JSON.
    out, sys.stdout = sys.stdout, sys.stderr
    json.dump({"files": readers[mode](paths)}, out)


if __name__ == "__main__":
    main()
