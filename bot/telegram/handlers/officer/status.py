"""/status: officers move a proposal through its lifecycle with a note for the resident.

``/status P-0042`` shows the proposal and the statuses it may move to; a button then asks for
the note. ``/status P-0042 adopted <note>`` does it in one go. Every change is kept as history
and the author is told in their own language ("you said, we did").

Officers move proposals on; they neither approve a young person's proposal (youth convenors
do, in /review) nor withdraw one (only its author does): the statuses they may set are
``OFFICER_TARGETS``, whatever a button or command says. A proposal they may not see (waiting
for approval, hidden, withdrawn before approval: ``bot.domain.visibility``) is answered exactly
as one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.domain.accountability import follow_up_at
from bot.domain.people import Person
from bot.domain.proposals import (
    NOTE_MAX,
    OFFICER_TARGETS,
    ChangeResult,
    Proposal,
    Status,
    parse_status_command,
)
from bot.domain.roles import Action
from bot.domain.visibility import Viewer, may_see
from bot.i18n import N_
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.handlers.officer import may, officer
from bot.telegram.replies import give_back, notice, send, show, stale
from bot.telegram.views import status as views
from bot.telegram.views.status import ChooseStatus, WithoutNote

ONLY_OFFICERS = N_("Sorry, only council officers can change a proposal's status.")


@dataclass(frozen=True)
class WaitingForNote(FlowState, flow="status_note"):
    """A status chosen with a button; the officer's note (or reason) is still to come. The
    flow has this one step, so it needs no step enum. A state kept by a version before this
    type (``{"proposal", "from", "to"}``) does not fit and reads as none (``views.note_lost``).
    """

    proposal_id: int
    current: Status
    target: Status


async def status_command(update: Update, context: CydlaisContext) -> None:
    """/status P-0042 [status] [note]."""
    person = await officer(update, context, Action.SET_STATUS, context.t._(ONLY_OFFICERS))
    if person is None:
        return
    t = context.t
    command = parse_status_command(" ".join(context.args or []))
    if command is None or (len(context.args or []) > 1 and command.status is None):
        await send(update, views.usage(t))
        return
    proposal = await _visible(context, person, command.proposal_id)
    if proposal is None:
        await send(update, views.no_such_proposal(t, command.proposal_id))
    elif command.status is None:
        await send(update, views.choices(t, context.config, proposal))
    elif not await _note_too_long(update, context, command.note):
        await _apply(update, context, person, proposal.id, command.status, command.note, None)


async def _visible(context: CydlaisContext, person: Person, proposal_id: int) -> Proposal | None:
    """The proposal, if this officer may see it (else as if there were none)."""
    proposal = await context.store.proposals.get(proposal_id)
    if proposal is None or not may_see(Viewer(person.id, context.grants), proposal):
        return None
    return proposal


@on_button(ChooseStatus, Who.PERSON)
async def status_chosen(
    update: Update, context: CydlaisContext, person: Person, pressed: ChooseStatus
) -> None:
    """A status was chosen: ask for the note."""
    if not await may(update, context, Action.SET_STATUS, context.t._(ONLY_OFFICERS)):
        return
    if (
        pressed.target not in OFFICER_TARGETS  # never approve, never withdraw (forged buttons)
        or await _visible(context, person, pressed.proposal_id) is None
    ):
        await stale(update, context)
        return
    state = WaitingForNote(pressed.proposal_id, pressed.current, pressed.target)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await notice(update)
    await show(update, views.ask_note(context.t, pressed.proposal_id, pressed.target))


@on_button(WithoutNote, Who.PERSON)
async def without_note(
    update: Update, context: CydlaisContext, person: Person, pressed: WithoutNote
) -> None:
    """ "Send without a note", from the note prompt."""
    if not await may(update, context, Action.SET_STATUS, context.t._(ONLY_OFFICERS)):
        return
    stored = await context.store.conversations.get(person)
    state = (
        WaitingForNote.from_json(stored[1])
        if stored is not None and stored[0] == WaitingForNote.flow
        else None
    )
    if state is None:
        await stale(update, context)
        return
    await notice(update)
    await _apply(update, context, person, state.proposal_id, state.target, "", state.current)


async def on_note_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """The officer's note arrived."""
    message = update.effective_message
    assert message is not None and message.text is not None
    note = message.text.strip()
    if await _note_too_long(update, context, note):
        return  # the flow still waits for the note
    state = WaitingForNote.from_json(stored)
    if state is None:
        await context.store.conversations.clear(person)
        await send(update, views.note_lost(context.t))
        return
    if not await may(update, context, Action.SET_STATUS, context.t._(ONLY_OFFICERS)):
        await context.store.conversations.clear(person)
        return
    await _apply(update, context, person, state.proposal_id, state.target, note, state.current)


async def _note_too_long(update: Update, context: CydlaisContext, note: str) -> bool:
    """Refuse a note over NOTE_MAX (True) before anything changes, sending the officer's words
    back verbatim so nothing is lost; False when the note is fine."""
    if len(note) <= NOTE_MAX:
        return False
    await send(update, views.note_too_long(context.t, len(note)))
    await give_back(update, note)
    return True


async def _apply(
    update: Update,
    context: CydlaisContext,
    person: Person,
    proposal_id: int,
    target: Status,
    note: str,
    expected: Status | None,
) -> None:
    """Make the change and say how it went; ``expected`` is the status the officer saw."""
    t = context.t
    proposal = await _visible(context, person, proposal_id)
    if proposal is None or target not in OFFICER_TARGETS:
        await context.store.conversations.clear(person)
        await send(
            update,
            views.no_such_proposal(t, proposal_id)
            if proposal is None
            else views.cannot_become(t, proposal_id, proposal.status, target),
        )
        return
    prompts, zone = context.config.prompts, context.config.council.timezone
    ask_at = follow_up_at(
        context.services.clock.now(), zone, prompts.quiet_start, prompts.quiet_end
    )
    change = await context.store.proposals.change_status(
        proposal_id, target, person, note, expected, follow_up_at=ask_at
    )
    if change.result is ChangeResult.NOTE_REQUIRED:
        await send(update, views.reason_needed(t))
        state = WaitingForNote(proposal_id, change.previous or target, target)
        await context.store.conversations.set(person, state.flow, state.to_json())
        return
    await context.store.conversations.clear(person)
    if change.result is ChangeResult.NOT_FOUND or change.proposal is None:
        await send(update, views.no_such_proposal(t, proposal_id))
    elif change.result is ChangeResult.STALE:
        await send(update, views.changed_meanwhile(t, proposal_id, change.proposal.status))
    elif change.result is ChangeResult.NOT_ALLOWED:
        await send(update, views.cannot_become(t, proposal_id, change.proposal.status, target))
    else:
        told = change.proposal.author_id not in (None, person.id)
        await send(update, views.changed(t, proposal_id, target, told))
        await context.deliver_outbox()
