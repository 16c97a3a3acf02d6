"""The shipped desktop entry and AppStream metainfo agree and pass their validators (what
``hiptimer desktop install`` writes is checked in tests/core/desktop/test_install.py)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hiptimer import APP_ID
from hiptimer.core.desktop.install import ICON_SIZES
from hiptimer.core.paths import resources_dir


@pytest.fixture(scope="module")
def resources() -> Path:
    return resources_dir()


@pytest.fixture(scope="module")
def desktop_file(resources: Path) -> Path:
    return resources / f"{APP_ID}.desktop"


@pytest.fixture(scope="module")
def metainfo_file(resources: Path) -> Path:
    return resources / f"{APP_ID}.metainfo.xml"


def desktop_entry_fields(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def run_validator(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    package = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}[tool]
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is not installed: install the system package '{package}'")
    return subprocess.run([tool, *args], capture_output=True, text=True, timeout=60, check=False)


def test_desktop_file_validates(desktop_file: Path) -> None:
    result = run_validator("desktop-file-validate", str(desktop_file))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # not even hints


def test_metainfo_validates(metainfo_file: Path) -> None:
    result = run_validator("appstreamcli", "validate", "--no-net", str(metainfo_file))
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.startswith(("E:", "W:"))]
    assert problems == []


def test_desktop_entry_names_app_binary_and_icon(resources: Path, desktop_file: Path) -> None:
    entry = desktop_entry_fields(desktop_file)
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "hiptimer"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == "hiptimer"
    for size in ICON_SIZES:
        assert (
            resources / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        ).is_file()
    assert (resources / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()


def test_metainfo_matchesdesktop_entry_fields(desktop_file: Path, metainfo_file: Path) -> None:
    root = ET.parse(metainfo_file).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == desktop_file.name
    assert root.findtext("provides/binary") == desktop_entry_fields(desktop_file)["Exec"]
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    release = root.find("releases/release")
    assert release is not None
    assert (release.get("version"), release.get("date")) == ("0.1.0", "2026-11-25")


def test_binary_name_matches_console_script() -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert '[project.gui-scripts]\nhiptimer = "' in pyproject.read_text(encoding="utf-8")
