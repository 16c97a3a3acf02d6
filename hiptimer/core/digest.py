"""SHA-256 from CPython's own implementation, without OpenSSL.

``hashlib`` loads OpenSSL's libcrypto (3.6 MB resident here) on import, although hiptimer only
ever needs SHA-256, which CPython also builds in (``_sha256`` up to 3.11, ``_sha2`` from
3.12).  Both give the same digests as ``hashlib.sha256``, so stored keys and file names do not
change; ``hashlib`` stays the fallback for an interpreter built without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha2 import sha256
    except ImportError:
        try:
            from _sha256 import sha256
        except ImportError:
            from hashlib import sha256

__all__ = ["sha256", "sha256_hex"]


def sha256_hex(data: bytes) -> str:
    return sha256(data).hexdigest()
