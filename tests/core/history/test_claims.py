"""Claims: which running hiptimer has a session, told apart from one that stopped."""

from __future__ import annotations

import subprocess
import sys

from hiptimer.core.history import claims


def _claim_of_a_finished_process() -> str:
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            "from hiptimer.core.history import claims; print(claims.this_process())",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return child.stdout.strip()


def test_this_process_holds_its_own_claim() -> None:
    mine = claims.this_process()
    assert claims.is_live(mine)
    host, boot, pid, start = mine.split(":")
    assert host and pid.isdigit()
    if sys.platform.startswith("linux"):
        assert boot and start.isdigit()


def test_a_claim_of_a_process_that_ended_is_stale() -> None:
    ended = _claim_of_a_finished_process()
    assert ended != claims.this_process()
    assert not claims.is_live(ended)


def test_a_running_process_holds_its_claim_until_it_ends() -> None:
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom hiptimer.core.history import claims\n"
            "print(claims.this_process(), flush=True)\nsys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        claim = child.stdout.readline().strip()
        assert claims.is_live(claim)
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdin.close()
        child.stdout.close()
    assert not claims.is_live(claim)


def test_a_later_process_with_the_same_pid_does_not_hold_an_old_claim() -> None:
    host, boot, pid, start = claims.this_process().split(":")
    if start:  # Linux: the start time tells the processes apart
        assert not claims.is_live(f"{host}:{boot}:{pid}:{int(start) + 1}")
    assert not claims.is_live(f"{host}:{boot}:{pid}:")  # our pid, not our claim


def test_claims_from_another_computer_boot_or_version_are_stale() -> None:
    host, boot, pid, start = claims.this_process().split(":")
    assert not claims.is_live(f"another-computer:{boot}:{pid}:{start}")
    if boot:
        assert not claims.is_live(f"{host}:rebooted:{pid}:{start}")
    for odd in ("", None, "nonsense", "a:b:c:d", "a:b:c"):
        assert not claims.is_live(odd)
