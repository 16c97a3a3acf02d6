"""The one architectural rule: only the Qt layer imports PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "hiptimer"
QT_LAYER = {PACKAGE / "qt"}


def _core_modules() -> list[str]:
    modules = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules.append(".".join(p for p in parts if p != "__init__"))
    return modules


def test_every_core_module_imports_with_pyside6_blocked() -> None:
    modules = [*_core_modules(), "hiptimer.cli"]
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' or name.startswith('PySide6.') or name == 'shiboken6':\n"
        "            raise ImportError('PySide6 is blocked in the core')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"import importlib\nfor m in {modules!r}:\n    importlib.import_module(m)\n"
        "assert not any(k.startswith('PySide6') for k in sys.modules)\n"
        "print(len(sys.argv))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert len(modules) > 10


def test_no_module_outside_the_qt_layer_mentions_pyside6_in_an_import() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if any(layer in path.parents for layer in QT_LAYER):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert offenders == []


def test_the_layer_and_domain_contracts_hold() -> None:
    """The import-linter contracts in pyproject.toml (core ↛ qt, routines alone, session and
    history independent) — run here as well as in CI."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], capture_output=True, text=True, cwd=PACKAGE.parent, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_module_is_over_about_450_lines() -> None:
    sizes = {
        str(path.relative_to(PACKAGE.parent)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {path: lines for path, lines in sizes.items() if lines > 470} == {}
