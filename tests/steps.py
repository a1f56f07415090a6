"""Steps several tests take the way a person does them, pressing what they would press."""

from __future__ import annotations

from bot.sandbox.scenario import SimPerson


async def report(person: SimPerson, ref: str, reason: str = "Offensive or hurtful") -> None:
    """From a page of proposals: open the proposal, tap Report it, then tap a reason."""
    await person.press(f"More: {ref}")
    await person.press("Report it")
    await person.press(reason)
