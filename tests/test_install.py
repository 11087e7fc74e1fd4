"""The quick start on a fresh machine: exact pins that install with the oldest Python Warta
claims (Debian 12's stock python3.11), and scripts/_venv.sh choosing an interpreter."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from conftest import REPO

# Debian 12's stock python3 (3.11.2) by default. Where the system has no such Python (GitHub's
# Ubuntu runners), WARTA_OLDEST_PYTHON names the oldest one available there (setup-python's 3.11).
_CHOSEN = os.environ.get("WARTA_OLDEST_PYTHON")
OLDEST = Path(shutil.which(_CHOSEN) or _CHOSEN) if _CHOSEN else Path("/usr/bin/python3.11")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[a-z0-9,_-]+\])?==([0-9][0-9A-Za-z.+!-]*)$")


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _min_python() -> str:
    """WARTA_MIN_PYTHON of scripts/_venv.sh: the oldest Python the scripts accept."""
    m = re.search(r"^WARTA_MIN_PYTHON=([0-9.]+)", (REPO / "scripts/_venv.sh").read_text(), re.M)
    assert m, "scripts/_venv.sh sets WARTA_MIN_PYTHON"
    return m.group(1)


def _requirements(name: str) -> dict[str, str]:
    """The pins of requirements/<name>.txt (its own lines, not the files it includes)."""
    pins: dict[str, str] = {}
    for n, line in enumerate((REPO / "requirements" / name).read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#") or line == "-r base.txt":
            continue
        m = PIN.match(line)
        assert m and not m.group(2), f"requirements/{name}:{n}: not an exact pin: {line!r}"
        assert _name(m.group(1)) not in pins, f"requirements/{name}:{n}: {m.group(1)} pinned twice"
        pins[_name(m.group(1))] = m.group(3)
    return pins


def test_every_pin_is_exact_and_pyproject_matches_the_requirements():
    base, test = _requirements("base.txt"), _requirements("test.txt")
    assert "-r base.txt" in (REPO / "requirements/test.txt").read_text().splitlines()
    assert not base.keys() & test.keys(), "test.txt repeats a pin of base.txt"
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    groups = {"dependencies": (project["dependencies"], base),
              "test": (project["optional-dependencies"]["test"], {**base, **test})}
    for group, (specs, pinned) in groups.items():
        assert specs, group
        for spec in specs:
            m = PIN.match(spec)
            assert m, f"pyproject.toml {group}: not an exact pin: {spec!r}"
            name, version = _name(m.group(1)), m.group(3)
            assert pinned.get(name) == version, (
                f"pyproject.toml {group} pins {spec}, requirements pin {pinned.get(name)}")
    assert project["requires-python"] == f">={_min_python()}"


@pytest.mark.slow
def _v(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def test_pinned_sets_install_and_run_with_the_oldest_python(tmp_path: Path):
    if not OLDEST.exists():
        pytest.fail("Debian's python3.11 is missing: scripts/test installs it "
                    "(apt-get install python3.11 python3.11-venv)")
    version = subprocess.run([OLDEST, "-c", "import platform; print(platform.python_version())"],
                             capture_output=True, text=True, check=True).stdout.strip()
    if _CHOSEN:
        assert _v(version) >= _v(_min_python()), f"{OLDEST} is {version}, older than {_min_python()}"
    else:
        assert version == _min_python(), f"{OLDEST} is {version}, the oldest Python claimed is {_min_python()}"
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}}
    env["NO_MKDOCS_2_WARNING"] = "1"

    def run(*args, cwd=REPO):
        done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{' '.join(map(str, args))}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done.stdout

    venv = tmp_path / "venv"
    run(OLDEST, "-m", "venv", venv)
    python = venv / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-r", REPO / "requirements/test.txt")
    run(python, "-m", "pip", "check", "--disable-pip-version-check")
    installed = dict(line.split("==") for line in run(python, "-m", "pip", "freeze", "--all").split())
    installed = {_name(k): v for k, v in installed.items() if _name(k) != "pip"}
    assert installed == {**_requirements("base.txt"), **_requirements("test.txt")}, (
        "the venv holds exactly the pinned closure (setuptools included: venvs of Python 3.12+ "
        "have none, and twitter-text-parser needs its pkg_resources)")
    where = run(python, "-c", "import sys, warta, mkdocs, material, pydantic, PIL, nh3, feedgen, git, lxml, twitter_text; "
                "print(sys.version.split()[0], warta.__file__, mkdocs.__file__)").split()
    assert where[0] == version
    assert Path(where[1]).is_relative_to(REPO) and Path(where[2]).is_relative_to(venv)
    usage = run(python, "-m", "warta", "--help")
    for command in ("check", "build", "new", "guard"):
        assert command in usage


# --- scripts/_venv.sh: which Python, and what to do when none fits ----------------------

CANDIDATES = ("python3", "python3.14", "python3.13", "python3.12", "python3.11")


def _fake_pythons(folder: Path, **versions: str) -> Path:
    """A PATH folder where every interpreter name _venv.sh looks for is a stand-in: `python3=
    "3.9.2"` prints that version as a Python would; `"3.11.2 novenv"` also lacks venv/ensurepip;
    a name not given is not a working Python (like a pyenv shim of a missing version)."""
    folder.mkdir()
    for name in CANDIDATES:
        spec = versions.get(name.replace(".", "_"), "")
        body = "exit 127" if not spec else f"echo {spec.split()[0]}" + ("; exit 1" if "novenv" in spec else "")
        (folder / name).write_text(f"#!/bin/sh\n{body}\n")
        (folder / name).chmod(0o755)
    return folder


def _choose(path: Path, python: str | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": f"{path}:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")}
    if python:
        env["PYTHON"] = python
    return subprocess.run(["bash", "-c", 'set -euo pipefail; source scripts/_venv.sh; warta_python; '
                           'echo "$WARTA_PYTHON $WARTA_PYTHON_VERSION"'],
                          cwd=REPO, env=env, capture_output=True, text=True)


def test_venv_script_names_the_python_it_needs(tmp_path: Path):
    done = _choose(_fake_pythons(tmp_path / "old", python3="3.9.2", python3_11="3.11.1"))
    assert done.returncode == 1 and done.stdout == ""
    assert ("Warta memerlukan Python 3.11.2 atau lebih baru; ditemukan: python3 (Python 3.9.2), "
            "python3.11 (Python 3.11.1).") in done.stderr
    assert "sudo apt install python3 python3-venv" in done.stderr
    done = _choose(_fake_pythons(tmp_path / "none"))
    assert done.returncode == 1 and "ditemukan: tidak ada python3 di PATH." in done.stderr
    done = _choose(tmp_path / "none", python=str(tmp_path / "nope"))
    assert done.returncode == 1 and f"PYTHON={tmp_path / 'nope'} (tidak ditemukan atau bukan Python)" in done.stderr


def test_venv_script_says_to_install_python3_venv(tmp_path: Path):
    done = _choose(_fake_pythons(tmp_path / "bin", python3="3.11.2 novenv"))
    assert done.returncode == 1
    assert "Warta tidak bisa membuat .venv: python3 (Python 3.11.2) tidak punya modul venv/ensurepip." in done.stderr
    assert "Pasang dulu: sudo apt install python3-venv, lalu ulangi perintah ini." in done.stderr
    done = _choose(tmp_path / "bin", python=str(tmp_path / "bin/python3.13"))
    assert done.returncode == 1 and "ditemukan: PYTHON=" in done.stderr


def test_venv_script_takes_the_first_python_that_fits(tmp_path: Path):
    bin_ = _fake_pythons(tmp_path / "bin", python3="3.11.2 novenv", python3_14="3.14.0",
                         python3_13="3.13.5")
    done = _choose(bin_)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(bin_ / "python3.14"), "3.14.0"]
    done = _choose(bin_, python=str(bin_ / "python3.13"))
    assert done.stdout.split() == [str(bin_ / "python3.13"), "3.13.5"]


def test_venv_script_remakes_a_venv_of_another_python(tmp_path: Path):
    if not OLDEST.exists():
        pytest.fail("Debian's python3.11 is missing: scripts/test installs it "
                    "(apt-get install python3.11 python3.11-venv)")
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts/_venv.sh", root / "scripts")
    (root / "requirements").mkdir()
    (root / "requirements/base.txt").write_text("# nothing to install\n")
    old = root / ".venv/bin/python"  # a venv left by a Python that is gone now
    old.parent.mkdir(parents=True)
    old.write_text("#!/bin/sh\necho 3.10.12\n")
    old.chmod(0o755)
    (root / ".venv/.warta-base").write_text("stale\n")
    script = 'set -euo pipefail; source scripts/_venv.sh; warta_venv base; echo "$WARTA_ROOT"'
    env = {"PATH": "/usr/bin:/bin", "PYTHON": str(OLDEST), "HOME": os.environ.get("HOME", "/tmp")}

    def venv():
        return subprocess.run(["bash", "-c", script], cwd=root, env=env, capture_output=True, text=True)

    done = venv()
    assert done.returncode == 0, done.stderr
    assert (f"Membuat ulang .venv: dibuat dengan Python 3.10.12, sekarang dipakai Python 3.11.2 "
            f"({OLDEST})") in done.stderr
    assert "Memasang paket yang dipatok (requirements/base.txt)" in done.stderr
    assert done.stdout.strip() == str(root)
    made = subprocess.run([root / ".venv/bin/python", "-c", "import sys; print(sys.version.split()[0])"],
                          capture_output=True, text=True, check=True)
    assert made.stdout.strip() == "3.11.2"
    again = venv()
    assert again.returncode == 0 and again.stderr == ""
