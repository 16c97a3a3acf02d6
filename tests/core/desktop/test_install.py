"""``hiptimer desktop install|uninstall``: what it writes runs this install and validates."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hiptimer import APP_ID
from hiptimer.core.desktop.install import installed_files
from hiptimer.core.desktop.launcher import exec_line, launch_command
from hiptimer.core.paths import resources_dir
from tests.resources.test_desktop_files import run_validator

SCRIPT = Path(sys.executable).with_name("hiptimer")


def entry_of(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def desktop(tmp_path: Path, *args: str, how: tuple[str, ...] = (str(SCRIPT),)):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    return subprocess.run(
        [*how, "desktop", *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("how", [(str(SCRIPT),), (sys.executable, "-m", "hiptimer")])
def test_install_writes_a_launcher_for_this_install(tmp_path: Path, how) -> None:
    assert SCRIPT.is_file(), "the test venv has no hiptimer script: pip install -e ."
    done = desktop(tmp_path, "install", how=how)
    assert done.returncode == 0, done.stderr
    share = tmp_path / "share"
    launcher = share / "applications" / f"{APP_ID}.desktop"
    entry = entry_of(launcher)
    assert entry["Exec"] == str(SCRIPT)  # absolute, the script beside this interpreter
    assert entry["TryExec"] == str(SCRIPT)
    assert entry["Icon"] == APP_ID
    for _source, target in installed_files(resources_dir(), share):
        assert target.is_file(), target
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").read_bytes() == (
        resources_dir() / f"{APP_ID}.metainfo.xml"
    ).read_bytes()
    assert str(SCRIPT) in done.stdout
    # What the menu would run works.
    version = subprocess.run(
        [entry["Exec"], "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert version.returncode == 0 and version.stdout.startswith("hiptimer ")


def test_what_is_written_passes_the_validators(tmp_path: Path) -> None:
    assert desktop(tmp_path, "install").returncode == 0
    share = tmp_path / "share"
    result = run_validator(
        "desktop-file-validate", str(share / "applications" / f"{APP_ID}.desktop")
    )
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    result = run_validator("appstreamcli", "validate", "--no-net", str(metainfo))
    assert result.returncode == 0, result.stdout + result.stderr


def test_uninstall_removes_exactly_what_install_wrote(tmp_path: Path) -> None:
    share = tmp_path / "share"
    other = share / "applications" / "someone.else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=x\nExec=x\n")
    other_icon = share / "icons" / "hicolor" / "48x48" / "apps" / "someone.else.png"
    other_icon.parent.mkdir(parents=True)
    other_icon.write_bytes(b"png")
    assert desktop(tmp_path, "install").returncode == 0
    done = desktop(tmp_path, "uninstall")
    assert done.returncode == 0, done.stderr
    left = sorted(p.relative_to(share) for p in share.rglob("*") if p.is_file())
    leftovers = [p for p in left if APP_ID in str(p)]
    assert leftovers == []
    assert other.is_file() and other_icon.is_file()
    again = desktop(tmp_path, "uninstall")  # nothing left to remove: still fine
    assert again.returncode == 0 and "0 files" in again.stdout


def test_an_unknown_action_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = desktop(tmp_path, "reinstall")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "share").exists()


def test_a_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "share").write_text("a file where the folder should be")
    done = desktop(tmp_path, "install")
    assert done.returncode == 1
    assert done.stderr.startswith("hiptimer: the launcher could not be installed")


def test_launch_command_falls_back_to_the_interpreter(tmp_path: Path) -> None:
    python = tmp_path / "bin" / "python3"
    python.parent.mkdir()
    python.write_text("")
    assert launch_command("/nowhere/__main__.py", str(python)) == [str(python), "-m", "hiptimer"]
    script = tmp_path / "bin" / "hiptimer"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    assert launch_command("/nowhere/__main__.py", str(python)) == [str(script)]


def test_exec_line_quotes_what_the_spec_reserves() -> None:
    assert exec_line(["/opt/my apps/hiptimer", "--tray"]) == '"/opt/my apps/hiptimer" --tray'
    assert exec_line(["/a/b$c", "50%"]) == '"/a/b\\\\$c" 50%%'
