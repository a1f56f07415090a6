"""/status as officers see it: a proposal with the statuses it may move to, the note prompt,
and what became of the change."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton

from bot.config import Config
from bot.domain.proposals import NOTE_MAX, Proposal, Status, officer_targets, reference
from bot.i18n import Html, Translator, escape
from bot.render import proposals as render
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View, photos


@dataclass(frozen=True)
class ChooseStatus(CallbackData, prefix="st"):
    """A new status chosen for a proposal: "st:42:open:adopted". ``current`` is the status it
    had when shown, so that a change made meanwhile is caught rather than overwritten."""

    proposal_id: int
    current: Status
    target: Status


@dataclass(frozen=True)
class WithoutNote(CallbackData, prefix="st", tag="nonote"):
    """ "Send without a note" under the note prompt; the flow state says what it is for."""


def choices(t: Translator, config: Config, proposal: Proposal) -> View:
    """The proposal in full, and a button for each status an officer may move it to."""
    targets = officer_targets(proposal.status)
    card = render.card(t, config, proposal, full=True)
    photo: list[list[InlineKeyboardButton]] = (
        [photos.button(t, proposal)] if proposal.photo_file_id else []
    )
    if not targets:
        text = card + "\n\n" + t._("This proposal's status can no longer change.")
        return View(text, Keyboard(photo) if photo else None)
    rows: list[list[InlineKeyboardButton]] = [
        [
            Button(
                t.p_(*render.STATUS_BUTTONS[target]),
                ChooseStatus(proposal.id, proposal.status, target).pack(),
            )
        ]
        for target in targets
    ]
    keyboard = Keyboard(rows + photo)
    return View(card + "\n\n" + t._("Choose its new status:"), keyboard)


def ask_note(t: Translator, proposal_id: int, target: Status) -> View:
    """Ask for the note the author will read; a reason cannot be skipped, a note can."""
    heading = t._(
        "<b>{ref}</b> → {status}",
        ref=reference(proposal_id),
        status=render.status_label(t, target),
    )
    if target is Status.NOT_TAKEN_FORWARD:
        ask = t._(
            "Please write the reason it is not being taken forward. The resident will read it."
        )
        return View(heading + "\n\n" + ask)
    ask = t._("Write a short note for the resident: what was decided and what happens next.")
    skip = Keyboard([[Button(t._("Send without a note"), WithoutNote().pack())]])
    return View(heading + "\n\n" + ask, skip)


def usage(t: Translator) -> View:
    """How to write /status."""
    return View(
        t._(
            "Write /status followed by a proposal's reference, e.g. <code>/status P-0042</code>. "
            "You can add the new status and a note: "
            "<code>/status P-0042 adopted The council will fund this in April.</code>\n"
            "Statuses: consideration, adopted, declined (with a reason), delivered."
        )
    )


def no_such_proposal(t: Translator, proposal_id: int) -> View:
    """Also the answer for a proposal this officer may not see: they look the same."""
    return View(t._("There is no proposal {ref}.", ref=reference(proposal_id)))


def note_too_long(t: Translator, count: int) -> View:
    """A note over ``NOTE_MAX``: nothing changed; the officer's words follow, given back."""
    return View(
        t._(
            "That note is {count} characters; the limit is {high}. Nothing has been changed. "
            "Please shorten it and send it again. Here is what you wrote, so nothing is lost:",
            count=count,
            high=NOTE_MAX,
        )
    )


def note_lost(t: Translator) -> View:
    """A note arrived for a flow this version cannot read (kept by an older one)."""
    return View(
        t._(
            "Sorry, I no longer know which proposal that note was for. Nothing has been "
            "changed. Please start again with /status."
        )
    )


def cannot_become(t: Translator, proposal_id: int, current: Status, target: Status) -> View:
    """The status may not move from ``current`` to ``target``."""
    return View(
        t._(
            "{ref} is {status}, so it can't become {target}.",
            ref=reference(proposal_id),
            status=render.status_label(t, current),
            target=render.status_label(t, target),
        )
    )


def reason_needed(t: Translator) -> View:
    """Not taken forward, and no reason given: the flow waits for one."""
    return View(t._("A reason is needed when a proposal is not taken forward. Please write it."))


def changed_meanwhile(t: Translator, proposal_id: int, now: Status) -> View:
    """Someone else moved the proposal on between the buttons and the note."""
    return View(
        t._(
            "{ref} changed meanwhile: it is now {status}. Please look again with /status {ref}.",
            ref=reference(proposal_id),
            status=render.status_label(t, now),
        )
    )


def changed(t: Translator, proposal_id: int, target: Status, author_told: bool) -> View:
    """Done; whether the author will hear of it (not when there is none, or it is the officer)."""
    status = Html(escape(render.status_label(t, target)))
    done = t._("✅ <b>{ref}</b> is now {status}.", ref=reference(proposal_id), status=status)
    if not author_told:
        return View(done)
    return View(done + " " + t._("Its author will be told, in their language."))
