"""The built-in SHA-256 gives hashlib's digests, so stored keys and cache names stay valid."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from hiptimer.core.digest import sha256, sha256_hex


@given(st.binary(max_size=4096), st.binary(max_size=512))
def test_digests_equal_hashlib_for_any_bytes(first: bytes, more: bytes) -> None:
    assert sha256_hex(first) == hashlib.sha256(first).hexdigest()
    running = sha256(first)
    running.update(more)
    assert running.hexdigest() == hashlib.sha256(first + more).hexdigest()


def test_it_does_not_load_openssl() -> None:
    code = "import sys, hiptimer.core.digest; print('_hashlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
