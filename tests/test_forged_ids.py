"""Forged ids in buttons (a 20-digit number, a Unicode digit) are stale buttons, not crashes."""

from __future__ import annotations

import pytest

from bot.sandbox.scenario import Sandbox

ADMIN_ID = 1001  # may press every kind of button
STALE = "That button is out of date. Please start again."
HUGE = "9" * 20  # past SQLite's 64-bit integers
SUPERSCRIPT = "²"  # str.isdigit() says yes, int() says no
FORGED = [
    "pm:w:{id}", "pm:y:{id}", "rp:{id}", "ps:+:{id}:transport:n:0", "ps:-:1:transport:n:{id}",
    "pa:{id}", "pl:transport:n:{id}", "rv:i:{id}", "rv:ub:{id}", "rv:ap:{id}", "rv:hd:{id}",
    "st:{id}:open:adopted", "sc:x:{id}", "pr:h:{id}", "pr:a:{id}:0", "pr:a:1:{id}",
    "rv:ok:{id}", "rv:rs:{id}", "rv:bl:{id}", "pm:n:{id}", "ps:+:1:transport:n:{id}",
    "pc:d:{id}", "pc:e:{id}", "pl:transport:s:{id}",
]  # fmt: skip


@pytest.mark.parametrize("bad_id", [HUGE, SUPERSCRIPT, "-1", "1e3", " 1"])
async def test_forged_ids_are_answered_as_stale(sandbox: Sandbox, bad_id: str) -> None:
    admin = sandbox.person("Ada", user_id=ADMIN_ID)
    await admin.join("en")
    await admin.send("/help")
    for pattern in FORGED:
        await admin.press_data(admin.last, pattern.format(id=bad_id))
        assert admin.last_notice == STALE, pattern
    # Nothing was left half-done: the admin's next message is handled as usual.
    await admin.send("/help")
    assert "As a resident you can" in admin.last
