# Shared helpers of the Python tests: the `reclaim` binary (RECLAIM_BINARY, set by ctest) run as a
# subprocess, to hold the module's results against the command line's JSON.
import json
import os
import pathlib
import shutil
import subprocess

import pytest

REPO = pathlib.Path(os.environ.get("RECLAIM_REPO_DIR", pathlib.Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("RECLAIM_BINARY", str(REPO / "build" / "release" / "reclaim"))


def cli(*args, expect=0):
    """`reclaim ARGS...`: (exit code, stdout, stderr), checking the exit code."""
    p = subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True)
    assert p.returncode == expect, p.stderr
    return p


def cli_json(*args):
    """The parsed `reclaim --format json ARGS...`."""
    return json.loads(cli("--format", "json", *args).stdout)


@pytest.fixture
def tiny(tmp_path):
    """A copy of tests/data/tiny to break."""
    dest = tmp_path / "tiny"
    shutil.copytree(REPO / "tests" / "data" / "tiny", dest)
    return dest
