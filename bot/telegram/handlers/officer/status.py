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

from typing import Any

from telegram import Update

from bot.domain.people import Person
from bot.domain.proposals import (
    NOTE_MAX,
    OFFICER_TARGETS,
    ChangeResult,
    Proposal,
    Status,
    officer_targets,
    parse_status_command,
    reference,
)
from bot.domain.roles import Action, can
from bot.domain.visibility import Viewer, may_see
from bot.i18n import Html, escape
from bot.render import limits
from bot.render import proposals as render
from bot.telegram import keyboards
from bot.telegram.callbacks import parse_id
from bot.telegram.context import CydlaisContext
from bot.telegram.keyboards import Keyboard
from bot.telegram.replies import answer_button, edit_or_reply, reply, stale_button
from bot.telegram.sender import require_person

FLOW = "status_note"
STATUS_VALUES = frozenset(s.value for s in Status)
TARGET_VALUES = frozenset(s.value for s in OFFICER_TARGETS)


async def _require_officer(update: Update, context: CydlaisContext) -> Person | None:
    if not can(context.grants, Action.SET_STATUS):
        text = context.t._("Sorry, only council officers can change a proposal's status.")
        if update.callback_query is not None:
            await answer_button(update, text, alert=True)
        else:
            await reply(update, text)
        return None
    return await require_person(update, context)


async def status_command(update: Update, context: CydlaisContext) -> None:
    """/status P-0042 [status] [note]."""
    person = await _require_officer(update, context)
    if person is None:
        return
    command = parse_status_command(" ".join(context.args or []))
    if command is None or (len(context.args or []) > 1 and command.status is None):
        await reply(update, _usage(context))
        return
    proposal = await _visible(context, person, command.proposal_id)
    if proposal is None:
        await reply(
            update, context.t._("There is no proposal {ref}.", ref=reference(command.proposal_id))
        )
        return
    if command.status is None:
        await _show_choices(update, context, proposal)
        return
    if await _note_too_long(update, context, command.note):
        return
    await _apply(update, context, person, proposal.id, command.status, command.note, None)


async def _visible(context: CydlaisContext, person: Person, proposal_id: int) -> Proposal | None:
    """The proposal, if this officer may see it (else as if there were none)."""
    proposal = await context.store.proposals.get(proposal_id)
    if proposal is None or not may_see(Viewer(person.id, context.grants), proposal):
        return None
    return proposal


def _usage(context: CydlaisContext) -> str:
    return context.t._(
        "Write /status followed by a proposal's reference, e.g. <code>/status P-0042</code>. "
        "You can add the new status and a note: "
        "<code>/status P-0042 adopted The council will fund this in April.</code>\n"
        "Statuses: consideration, adopted, declined (with a reason), delivered."
    )


async def _show_choices(update: Update, context: CydlaisContext, proposal: Proposal) -> None:
    t = context.t
    targets = officer_targets(proposal.status)
    text = render.card(t, context.config, proposal, full=True)
    if not targets:
        await reply(update, text + "\n\n" + t._("This proposal's status can no longer change."))
        return
    rows = [
        [
            keyboards.button(
                t.p_(*render.STATUS_BUTTONS[s]),
                keyboards.STATUS,
                proposal.id,
                proposal.status.value,
                s.value,
            )
        ]
        for s in targets
    ]
    await reply(update, text + "\n\n" + t._("Choose its new status:"), Keyboard(rows))


async def status_button(update: Update, context: CydlaisContext) -> None:
    """A status was chosen: ask for the note (or, from the note prompt, go without one)."""
    person = await _require_officer(update, context)
    if person is None:
        return
    data = update.callback_query.data if update.callback_query else None
    if data == keyboards.data(keyboards.STATUS, "nonote"):
        await _without_note(update, context, person)
        return
    parts = keyboards.parse(data, keyboards.STATUS, 4)
    if (
        parts is None
        or (proposal_id := parse_id(parts[1])) is None
        or parts[2] not in STATUS_VALUES
        or parts[3] not in TARGET_VALUES  # never approve, never withdraw (forged buttons)
        or await _visible(context, person, proposal_id) is None
    ):
        await stale_button(update, context)
        return
    target = Status(parts[3])
    state: dict[str, Any] = {"proposal": proposal_id, "from": parts[2], "to": target.value}
    await context.store.conversations.set(person, FLOW, state)
    await answer_button(update)
    t = context.t
    ask = (
        t._("Please write the reason it is not being taken forward. The resident will read it.")
        if target is Status.NOT_TAKEN_FORWARD
        else t._("Write a short note for the resident: what was decided and what happens next.")
    )
    keyboard = None
    if target is not Status.NOT_TAKEN_FORWARD:
        keyboard = Keyboard(
            [[keyboards.button(t._("Send without a note"), keyboards.STATUS, "nonote")]]
        )
    status = render.status_label(t, target)
    await edit_or_reply(
        update,
        t._("<b>{ref}</b> → {status}", ref=reference(proposal_id), status=status) + "\n\n" + ask,
        keyboard,
    )


async def _without_note(update: Update, context: CydlaisContext, person: Person) -> None:
    state = await context.store.conversations.get(person)
    if state is None or state[0] != FLOW:
        await stale_button(update, context)
        return
    await answer_button(update)
    await _apply_state(update, context, person, state[1], "")


async def on_note_text(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any]
) -> None:
    """The officer's note arrived."""
    message = update.effective_message
    assert message is not None and message.text is not None
    note = message.text.strip()
    if await _note_too_long(update, context, note):
        return  # the flow still waits for the note
    if not can(context.grants, Action.SET_STATUS):
        await context.store.conversations.clear(person)
        await reply(
            update, context.t._("Sorry, only council officers can change a proposal's status.")
        )
        return
    await _apply_state(update, context, person, state, note)


async def _note_too_long(update: Update, context: CydlaisContext, note: str) -> bool:
    """Refuse a note over NOTE_MAX (True) before anything changes, sending the officer's words
    back verbatim so nothing is lost; False when the note is fine."""
    if len(note) <= NOTE_MAX:
        return False
    await reply(
        update,
        context.t._(
            "That note is {count} characters; the limit is {high}. Nothing has been changed. "
            "Please shorten it and send it again. Here is what you wrote, so nothing is lost:",
            count=len(note),
            high=NOTE_MAX,
        ),
    )
    chat = update.effective_chat
    if chat is not None:
        for piece in limits.split(note):  # their own words, verbatim, in as many messages
            await chat.send_message(piece, parse_mode=None)
    return True


async def _apply_state(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any], note: str
) -> None:
    await _apply(
        update,
        context,
        person,
        int(state["proposal"]),
        Status(state["to"]),
        note,
        Status(state["from"]),
    )


async def _apply(
    update: Update,
    context: CydlaisContext,
    person: Person,
    proposal_id: int,
    target: Status,
    note: str,
    expected: Status | None,
) -> None:
    t = context.t
    ref = reference(proposal_id)
    proposal = await _visible(context, person, proposal_id)
    if proposal is None:
        await context.store.conversations.clear(person)
        await reply(update, t._("There is no proposal {ref}.", ref=ref))
        return
    if target not in OFFICER_TARGETS:
        await context.store.conversations.clear(person)
        await reply(
            update,
            t._(
                "{ref} is {status}, so it can't become {target}.",
                ref=ref,
                status=render.status_label(t, proposal.status),
                target=render.status_label(t, target),
            ),
        )
        return
    change = await context.store.proposals.change_status(
        proposal_id, target, person, note, expected
    )
    if change.result is ChangeResult.NOTE_REQUIRED:
        await reply(
            update,
            t._("A reason is needed when a proposal is not taken forward. Please write it."),
        )
        await context.store.conversations.set(
            person,
            FLOW,
            {
                "proposal": proposal_id,
                "from": (change.previous or target).value,
                "to": target.value,
            },
        )
        return
    await context.store.conversations.clear(person)
    if change.result is ChangeResult.NOT_FOUND or change.proposal is None:
        await reply(update, t._("There is no proposal {ref}.", ref=ref))
    elif change.result is ChangeResult.STALE:
        await reply(
            update,
            t._(
                "{ref} changed meanwhile: it is now {status}. "
                "Please look again with /status {ref}.",
                ref=ref,
                status=render.status_label(t, change.proposal.status),
            ),
        )
    elif change.result is ChangeResult.NOT_ALLOWED:
        await reply(
            update,
            t._(
                "{ref} is {status}, so it can't become {target}.",
                ref=ref,
                status=render.status_label(t, change.proposal.status),
                target=render.status_label(t, target),
            ),
        )
    else:
        told = (
            t._("Its author will be told, in their language.")
            if change.proposal.author_id not in (None, person.id)
            else ""
        )
        status = Html(escape(render.status_label(t, target)))
        await reply(
            update,
            t._("✅ <b>{ref}</b> is now {status}.", ref=ref, status=status)
            + (f" {told}" if told else ""),
        )
        await context.deliver_outbox()
