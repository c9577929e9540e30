"""Stable ids: UUID version 7 (RFC 9562), time-ordered so inserts land at the end of indexes."""

from __future__ import annotations

import os
import random
import time

# Ids need uniqueness, not secrecy: a generator seeded from the OS is fast and collision-safe.
_random = random.Random(os.urandom(32))
_last = [0, 0]  # last millisecond and counter, so ids made in the same millisecond stay ordered


def new_id() -> str:
    """A new UUIDv7 as text: 48-bit Unix milliseconds, then a counter and random bits."""
    millis = time.time_ns() // 1_000_000
    if millis <= _last[0]:
        millis = _last[0]
        _last[1] += 1
    else:
        _last[0], _last[1] = millis, _random.getrandbits(10)
    counter = _last[1] & 0xFFF
    value = (millis << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | _random.getrandbits(62)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def short_id(full_id: str) -> str:
    """The 8 characters people see and type: the random end of the id (UUIDv7 ids made in
    the same millisecond share their beginning, so a prefix would not tell them apart)."""
    return full_id[-8:]
