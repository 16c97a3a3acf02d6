"""``hiptimer desktop install|uninstall``: the menu launcher, icons and metainfo for one user.

The files come from the package's own ``resources/``; the launcher's ``Exec=`` names this
install's command by its absolute path.  Uninstall removes exactly the files install writes.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from hiptimer import APP_ID
from hiptimer.core.atomic_file import atomic_write
from hiptimer.core.desktop.launcher import exec_line

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def desktop_entry(resources: Path, command: Sequence[str], extra_args: Sequence[str] = ()) -> str:
    """The shipped desktop entry with ``Exec=`` (and ``TryExec=``) set to ``command``."""
    lines = []
    for line in (resources / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line([*command, *extra_args])}"
            lines.append(f"TryExec={exec_line(command[:1])}")
        lines.append(line)
    return "\n".join(lines) + "\n"


def installed_files(resources: Path, data: Path) -> list[tuple[Path | None, Path]]:
    """(source in resources or None for the launcher, target under ``data``) for every file."""
    icons = resources / "icons" / "hicolor"
    files: list[tuple[Path | None, Path]] = [
        (None, data / "applications" / f"{APP_ID}.desktop"),
        (resources / f"{APP_ID}.metainfo.xml", data / "metainfo" / f"{APP_ID}.metainfo.xml"),
    ]
    for size in (f"{n}x{n}" for n in ICON_SIZES):
        name = Path(size) / "apps" / f"{APP_ID}.png"
        files.append((icons / name, data / "icons" / "hicolor" / name))
    svg = Path("scalable") / "apps" / f"{APP_ID}.svg"
    files.append((icons / svg, data / "icons" / "hicolor" / svg))
    return files


def install(resources: Path, data: Path, command: Sequence[str]) -> list[Path]:
    """Write every file (replacing earlier copies); return the paths written."""
    written = []
    for source, target in installed_files(resources, data):
        content = desktop_entry(resources, command) if source is None else source.read_bytes()
        atomic_write(target, content)
        written.append(target)
    _refresh(data)
    return written


def uninstall(resources: Path, data: Path) -> list[Path]:
    """Remove the files install writes (nothing else); return those that were there."""
    removed = []
    for _source, target in installed_files(resources, data):
        if target.is_file() or target.is_symlink():
            target.unlink()
            removed.append(target)
    _refresh(data)
    return removed


def _refresh(data: Path) -> None:
    """Tell the menu and the icon theme (where their tools exist); never an error."""
    for tool, args in (
        ("update-desktop-database", ["-q", str(data / "applications")]),
        ("gtk-update-icon-cache", ["-q", "-t", "-f", str(data / "icons" / "hicolor")]),
    ):
        if shutil.which(tool) and Path(args[-1]).is_dir():
            subprocess.run([tool, *args], capture_output=True, timeout=60, check=False)
