# ruff: noqa: S603, S607
"""Tags a release: every command here is a fixed git invocation."""

import subprocess


def tag(version: str) -> None:
    subprocess.run(["git", "tag", "-s", f"v{version}", "-m", f"ticketbox {version}"], check=True)
    subprocess.run(["git", "push", "origin", f"v{version}"], check=True)


if __name__ == "__main__":
    import sys

    tag(sys.argv[1])
