"""The engine's layers, as README.md lists them, and no import that climbs them.

README.md ("What lives where") lists the modules of src/mkdocs_debate/ in
layers, one table row each, "each importing only from the ones above it". A
row names modules (``source.py``) and packages (``blocks/``, all of whose
modules belong to it); the names on one row are one layer. These tests read
that table, so it cannot drift from the code: every module of the package is
listed once, nothing listed is missing, and no module imports one from a later
row. Imports inside a layer (``blocks.answer`` from ``blocks.common``) are the
layer's own business: ``test_package.py`` keeps them free of cycles.
"""

from __future__ import annotations

import ast
import dataclasses
import pathlib
import re

import pytest
from conftest import ROOT

PACKAGE = "mkdocs_debate"
SOURCE = ROOT / "src" / PACKAGE
INTRO = "The engine's layers, each importing only from the ones above it:"


def readme_layers(readme: str) -> list[tuple[str, ...]]:
    """The layer table below INTRO: for each row, the module and package names of its first cell."""
    _, found, rest = readme.partition(INTRO)
    assert found, f"README.md has no line {INTRO!r} above the layer table"
    rows = re.match(r"\s*((?:\|.*\n?)+)", rest)
    assert rows, "README.md: no table below the layer list's introduction"
    layers = []
    for row in rows.group(1).splitlines()[2:]:  # after the heading and the |---| line
        first_cell = row.strip().strip("|").split("|")[0]
        names = tuple(re.findall(r"`([^`]+)`", first_cell))
        assert names, f"README.md: a layer row names no module: {row}"
        layers.append(names)
    return layers


def modules_of(source: pathlib.Path) -> dict[str, pathlib.Path]:
    """Every module of the package under source, dotted name -> file (a package is its __init__)."""
    found = {}
    for path in sorted(source.rglob("*.py")):
        parts = path.relative_to(source.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def units_of(modules: dict[str, pathlib.Path]) -> dict[str, str]:
    """Dotted module -> the README's name for it: 'syntax.py', 'blocks/' (a subpackage and all
    its modules, __main__ included), or '__init__.py' for the package itself."""
    units = {}
    for module, path in modules.items():
        parts = module.split(".")[1:]
        if not parts:
            units[module] = "__init__.py"
        elif len(parts) > 1 or path.name == "__init__.py":
            units[module] = parts[0] + "/"
        else:
            units[module] = parts[0] + ".py"
    return units


@dataclasses.dataclass(frozen=True)
class Import:
    module: str  # the importing module
    path: pathlib.Path
    line: int
    target: str  # the module it imports (a package's __init__ for a name defined there)


def imports_of(modules: dict[str, pathlib.Path]) -> list[Import]:
    """Every import of one of the package's modules, anywhere in a module (TYPE_CHECKING included)."""
    found = []
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = module.split(".")
                    anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from pkg import name`: the submodule if there is one, else pkg itself.
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                ]
            else:
                continue
            found += [
                Import(module, path, node.lineno, target)
                for target in dict.fromkeys(targets)  # `from x import a, b`: one import of x
                if target.split(".")[0] == module.split(".")[0]  # the package's own modules only
            ]
    return found


def listing_problems(
    layers: list[tuple[str, ...]], units: dict[str, str], where: str = f"src/{PACKAGE}"
) -> list[str]:
    """Modules the README does not list, names it lists twice or that do not exist."""
    listed = [name for layer in layers for name in layer]
    existing = set(units.values()) - {"__init__.py"}
    return [
        *(
            f"README.md lists {name} twice"
            for name in sorted(set(listed))
            if listed.count(name) > 1
        ),
        *(
            f"README.md lists {name}, which {where}/ does not have"
            for name in listed
            if name not in existing
        ),
        *(
            f"{where}/{name} is in no layer of README.md's list: add it where it belongs"
            for name in sorted(existing - set(listed))
        ),
    ]


def upward_imports(
    layers: list[tuple[str, ...]], units: dict[str, str], imports: list[Import]
) -> list[str]:
    """'path:line: message' for each import of a module from a later layer than the importer's."""
    rank = {name: index for index, layer in enumerate(layers) for name in layer}
    rank["__init__.py"] = -1  # the package's own __init__ comes first: it may import nothing
    problems = []
    for imp in imports:
        here, there = units[imp.module], units.get(imp.target, "__init__.py")
        if here in rank and there in rank and rank[there] > rank[here]:
            shown = imp.path.relative_to(ROOT) if imp.path.is_relative_to(ROOT) else imp.path
            problems.append(
                f"{shown}:{imp.line}: {imp.module} (layer {rank[here] + 1}, {here}) imports "
                f"{imp.target} from a later layer ({rank[there] + 1}, {there})"
            )
    return problems


# ---------------------------------------------------------------------------
# The real package
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def package():
    modules = modules_of(SOURCE)
    layers = readme_layers((ROOT / "README.md").read_text(encoding="utf-8"))
    return layers, units_of(modules), imports_of(modules)


def test_the_readme_lists_every_module_once(package):
    layers, units, _ = package
    assert not listing_problems(layers, units), "\n".join(listing_problems(layers, units))


def test_no_import_climbs_the_layers(package):
    layers, units, imports = package
    assert imports, "no import of the package found: the scan is broken"
    problems = upward_imports(layers, units, imports)
    assert not problems, "\n".join(problems)


def test_the_package_docstring_defers_to_the_readme():
    """One list of the layers, not two that drift: the package's docstring points to README.md."""
    doc = ast.get_docstring(ast.parse((SOURCE / "__init__.py").read_text(encoding="utf-8")))
    assert "README.md" in doc and "test_layers.py" in doc


# ---------------------------------------------------------------------------
# The checks themselves fail when they should
# ---------------------------------------------------------------------------

SYNTHETIC_README = f"""\
{INTRO}

| module | its one job |
| --- | --- |
| `low.py` | the bottom of the stack |
| `middle/` | a package |
| `high.py`, `glue.py` | the top |
"""


def synthetic(tmp_path: pathlib.Path, files: dict[str, str]) -> list[str]:
    """Every problem the layer checks find in a made-up package `pkg` with SYNTHETIC_README."""
    source = tmp_path / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    modules = modules_of(source)
    layers, units = readme_layers(SYNTHETIC_README), units_of(modules)
    return listing_problems(layers, units, "pkg") + upward_imports(
        layers, units, imports_of(modules)
    )


GOOD = {
    "low.py": "import json\n",
    "middle/__init__.py": "from pkg.low import x\n",
    "middle/part.py": "from pkg.middle import y\nfrom . import other\n",
    "middle/other.py": "from ..low import z\n",
    "high.py": "from pkg.middle.part import y\nfrom pkg import glue\n",
    "glue.py": "import pkg.high\n",
}


def test_a_package_that_keeps_its_layers_passes(tmp_path):
    assert synthetic(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    "file, text, climbs",
    [
        ("low.py", "from pkg.high import x\n", "pkg.low (layer 1, low.py) imports pkg.high"),
        ("low.py", "import pkg.middle.part\n", "pkg.low (layer 1, low.py) imports pkg.middle.part"),
        ("low.py", "from pkg import glue\n", "pkg.low (layer 1, low.py) imports pkg.glue"),
        ("low.py", "from . import high\n", "pkg.low (layer 1, low.py) imports pkg.high"),
        (
            "middle/part.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..high import x\n",
            "pkg.middle.part (layer 2, middle/) imports pkg.high",
        ),
        ("__init__.py", "from pkg.low import x\n", "pkg (layer 0, __init__.py) imports pkg.low"),
    ],
)
def test_an_import_that_climbs_is_caught(tmp_path, file, text, climbs):
    (problem,) = synthetic(tmp_path, {**GOOD, file: text})
    assert climbs in problem and problem.startswith(str(tmp_path / "pkg" / file) + ":")


def test_a_module_the_readme_does_not_list_is_caught(tmp_path):
    assert synthetic(tmp_path, {**GOOD, "stray.py": ""}) == [
        "pkg/stray.py is in no layer of README.md's list: add it where it belongs"
    ]


def test_a_listed_module_that_is_gone_is_caught(tmp_path):
    files = {name: text for name, text in GOOD.items() if name != "glue.py"}
    files["high.py"] = "import json\n"
    assert synthetic(tmp_path, files) == ["README.md lists glue.py, which pkg/ does not have"]
