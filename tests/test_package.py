"""The engine is a package: layered without cycles, and reusable by a site that is not ours."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
import venv
import zipfile

import pytest
from conftest import ROOT

SOURCE = ROOT / "src" / "mkdocs_debate"
FOREIGN_SITE = ROOT / "tests" / "fixtures" / "foreign-site"
RUNTIME = (
    "mkdocs",
    "markdown",
    "pyyaml",
    "pyahocorasick",
    "nh3",
)  # what the foreign site's venv needs besides the wheel


def modules() -> list[str]:
    """Every module of the package, as a dotted name."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(SOURCE.parent).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


@pytest.mark.parametrize("module", modules())
def test_every_module_imports_on_its_own(module):
    """A fresh interpreter imports each module alone: no import cycle can hide behind import order."""
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_no_module_imports_inside_a_function():
    """Lazy imports are how cycles get dodged; the package has none."""
    offenders = []
    for path in SOURCE.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s+(from \S+ )?import ", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_nothing_sets_pythonpath_or_edits_sys_path():
    pattern = re.compile(r"PYTHONPATH|sys\.path\.(insert|append)")
    files = [
        p
        for p in ROOT.rglob("*")
        if p.is_file()
        and p.suffix in (".py", ".yml", ".yaml", ".toml", "")
        and not any(
            part in (".git", "node_modules", ".venv", ".venv-zensical", "site")
            or part.endswith(".egg-info")
            for part in p.parts
        )
    ]
    offenders = [
        str(p.relative_to(ROOT))
        for p in files + [ROOT / "Makefile"]
        if p.name != "test_package.py"
        and pattern.search(p.read_text(encoding="utf-8", errors="ignore"))
    ]
    assert not offenders


def _pins() -> dict[str, str]:
    """Package name -> pinned version, from requirements.txt."""
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return {
        name.lower(): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", text, re.M)
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("mkdocs_debate-*.whl")
    return built


def test_the_wheel_declares_its_licence_by_spdx_expression(wheel):
    """PEP 639: License-Expression and the one licence file of the code (not the text's CC BY-SA)."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        headers = archive.read(metadata).decode("utf-8").split("\n\n", 1)[0].splitlines()
    assert "License-Expression: MIT" in headers
    assert [h for h in headers if h.startswith("License")] == [
        "License-Expression: MIT",
        "License-File: LICENSE",
    ]
    licences = [n for n in names if "/licenses/" in n]
    assert len(licences) == 1 and licences[0].endswith(".dist-info/licenses/LICENSE")


def test_a_foreign_site_builds_from_the_wheel_alone(wheel, tmp_path):
    """A fresh venv with the wheel (and the runtime it declares) builds another site, cross-links and backlinks."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    pins = _pins()
    requirements = [f"{name}=={pins[name]}" for name in RUNTIME]
    install = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(wheel),
            *requirements,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    site = tmp_path / "tea"
    subprocess.run(["cp", "-r", str(FOREIGN_SITE), str(site)], check=True)
    env = {
        key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")
    }
    result = subprocess.run(
        [str(python), "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=site,
        env={**env, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    essay = (tmp_path / "out" / "essays" / "why-milk-first" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'class="glossary-term" data-term="tannin"' in essay
    assert 'id="claim-milk-goes-first"' in essay
    claim = (tmp_path / "out" / "claims" / "milk-goes-first" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'href="../../essays/why-milk-first/#claim-milk-goes-first"' in claim
    assert "@online{tea-milk-goes-first" in claim and "Tea Debates" in claim
    # The package imported is the wheel's, not this checkout's source.
    where = subprocess.run(
        [str(python), "-c", "import mkdocs_debate; print(mkdocs_debate.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert str(env_dir) in where.stdout


MAX_MODULE_LINES = 500


def test_no_module_of_the_engine_is_over_500_lines():
    """A module over 500 lines holds more than one job: split it (by source of truth, by stage)."""
    long = {
        str(path.relative_to(SOURCE)): count
        for path in sorted(SOURCE.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"
