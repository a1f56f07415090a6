"""Writing a proposal: the questions of the private flow, its preview, what the author is told
once it is in, and the buttons of each step (with the words that count as tapping them).

The flow's buttons keep the data older versions put in people's chats: ``pp:f:<forum>``,
``pp:c:<community>`` (``-`` for the whole area), ``pp:send``, ``pp:edit`` and ``pp:stop``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardMarkup

from bot.config import Config, ProposalLimits
from bot.domain.accountability import answer_due
from bot.domain.choices import CHANGE_WORDS, WHOLE_AREA_WORDS, YES_WORDS
from bot.domain.proposals import Proposal, Status, TextProblem
from bot.i18n import LANGUAGES, Translator, escape
from bot.render import proposals as render
from bot.telegram import keyboards
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View

WHOLE_AREA = "-"  # the community choice (in callback data too) for "the whole area"


@dataclass(frozen=True)
class PickForum(CallbackData, prefix="pp", tag="f"):
    """A forum chosen for the draft."""

    forum_id: str


@dataclass(frozen=True)
class PickCommunity(CallbackData, prefix="pp", tag="c"):
    """A community chosen for the draft (``WHOLE_AREA`` for the whole area)."""

    community_id: str


class PreviewAction(StrEnum):
    """The preview's buttons."""

    SEND = "send"
    EDIT = "edit"  # change the text
    STOP = "stop"  # cancel


@dataclass(frozen=True)
class AtPreview(CallbackData, prefix="pp"):
    """Send / Change the text / Cancel under the preview."""

    action: PreviewAction


# ---- the questions, step by step --------------------------------------------------------


def forum_question(
    t: Translator,
    config: Config,
    joined: frozenset[str],
    again: bool = False,
    kept_text: bool = False,
) -> View:
    """Which forum? The person's own forums first. Asked ``again`` when they typed something
    that names no forum, saying so when their words were ``kept_text`` as the draft."""
    if kept_text:
        text = t._(
            "Thank you: I have kept what you wrote as your proposal. Which forum is it for? "
            "Please tap one of the buttons below."
        )
    elif again:
        text = t._("Which forum is your proposal for? Please tap one of the buttons below.")
    else:
        text = t._("Which forum is your proposal for?")
    keyboard = keyboards.forum_choice(
        t, config.open_forums, joined, lambda forum_id: PickForum(forum_id).pack()
    )
    return View(text + forum_descriptions(t, config), keyboard)


def forum_descriptions(t: Translator, config: Config) -> str:
    """One line per forum on what belongs there, where the council wrote one (so a broken
    pavement finds Transport or Community Safety); "" if none."""
    lines = [
        f"<b>{escape(f.name(t.language))}</b>: {escape(f.description(t.language))}"
        for f in config.open_forums
        if f.description(t.language)
    ]
    return "\n\n" + "\n".join(lines) if lines else ""


def text_request(t: Translator, config: Config, forum_id: str) -> View:
    """Write your proposal (with the limits on its length)."""
    limits = config.proposals
    return View(
        t._(
            "Write your proposal for <b>{forum}</b>. Put a short title on the first line, and "
            "any detail on the lines below ({low} to {high} characters).\n"
            "Send /cancel to stop.",
            forum=render.forum_name(config, forum_id, t),
            low=limits.min_length,
            high=limits.max_length,
        )
    )


def community_question(t: Translator, config: Config, again: bool = False) -> View:
    """Which community is it about (or the whole area)? ``again`` after typing no community."""
    if again:
        text = t._(
            "Your proposal is kept just as you wrote it. Which community is it about? "
            "Please tap one of the buttons below."
        )
    else:
        text = t._("Which community is it about?")
    buttons = [
        Button(c.name(t.language), PickCommunity(c.id).pack()) for c in config.open_communities
    ]
    rows = keyboards.rows(buttons, 3)
    rows.append([Button(t._("The whole area"), PickCommunity(WHOLE_AREA).pack())])
    return View(text, Keyboard(rows))


def preview(
    t: Translator,
    config: Config,
    text: str,
    forum_id: str,
    community_id: str | None,
    youth: bool,
    photo: bool = False,
) -> View:
    """The draft as it will be sent, with where it goes, and Send / Change / Cancel."""
    facts = [render.forum_name(config, forum_id, t)]
    community = render.community_name(config, community_id, t)
    if community:
        facts.append(community)
    if youth:
        facts.append(t._("Youth forum"))
    if photo:
        facts.append("📷 " + t._("with your photo (for the convenors and the council only)"))
    return View(render.preview(t, text, facts), _preview_keyboard(t))


def photo_offer(t: Translator, captioned: bool) -> str:
    """Above the forum question when a photo arrives with no proposal being written."""
    if captioned:
        return t._(
            "📷 Thank you! Your photo and its words can go to the council as a proposal. Only "
            "the forum's convenors and the council's officers will see the photo. You will "
            "see the proposal again before anything is sent, and /cancel drops it."
        )
    return t._(
        "📷 Thank you! A photo goes with a proposal: choose its forum, then write a sentence "
        "or two about it. Only the forum's convenors and the council's officers will see the "
        "photo, and /cancel drops it."
    )


def photo_kept(t: Translator) -> str:
    """A photo sent while a proposal is being written."""
    return t._(
        "📷 Thank you: the photo will go with your proposal (only the forum's convenors and the "
        "council's officers see it). A newer photo replaces it."
    )


def preview_again(t: Translator) -> View:
    """Something typed at the preview that is none of its buttons: nothing changed."""
    return View(
        t._(
            "Your proposal has not been sent or changed. To send it, tap ✅ Send. To "
            "write it differently, tap ✏️ Change the text first."
        ),
        _preview_keyboard(t),
    )


def _preview_keyboard(t: Translator) -> InlineKeyboardMarkup:
    return Keyboard(
        [
            [Button("✅ " + t._("Send"), AtPreview(PreviewAction.SEND).pack())],
            [
                Button("✏️ " + t._("Change the text"), AtPreview(PreviewAction.EDIT).pack()),
                Button("✖️ " + t._("Cancel"), AtPreview(PreviewAction.STOP).pack()),
            ],
        ]
    )


def cancelled(t: Translator) -> View:
    """The draft was dropped."""
    return View(t._("Cancelled. Nothing was sent."))


# ---- typed words that count as tapping a button -----------------------------------------


def community_words(
    config: Config, translators: Mapping[str, Translator]
) -> dict[str, tuple[str, ...]]:
    """Each community's names in both languages, and the words for "the whole area"."""
    names: dict[str, tuple[str, ...]] = {
        c.id: (c.name_cy, c.name_en) for c in config.open_communities
    }
    whole = tuple(translators[language]._("The whole area") for language in LANGUAGES)
    names[WHOLE_AREA] = (*whole, *WHOLE_AREA_WORDS)
    return names


def preview_words(t: Translator) -> dict[str, tuple[str, ...]]:
    """What may be typed at the preview for Send and for Change the text."""
    return {
        PreviewAction.SEND: (t._("Send"), *YES_WORDS),
        PreviewAction.EDIT: (t._("Change the text"), *CHANGE_WORDS),
    }


def forum_words(config: Config) -> dict[str, tuple[str, ...]]:
    """Each forum's names in both languages."""
    return {f.id: (f.name_cy, f.name_en) for f in config.forums}


# ---- the text, and what became of the proposal -------------------------------------------


def text_problem(t: Translator, limits: ProposalLimits, text: str, problem: TextProblem) -> View:
    """Why the text cannot be a proposal (too long: the words follow, sent back verbatim)."""
    if problem is TextProblem.EMPTY:
        return View(t._("Your proposal is empty. Please write a few words."))
    if problem is TextProblem.TOO_SHORT:
        return View(
            t.n_(
                "That is {count} character; a proposal needs at least {low}. "
                "Please say a little more.",
                "That is {count} characters; a proposal needs at least {low}. "
                "Please say a little more.",
                len(text),
                low=limits.min_length,
            )
        )
    return View(
        t._(
            "That is {count} characters; the limit is {high}. Please shorten it and send "
            "it again. Here is what you wrote, so nothing is lost:",
            count=len(text),
            high=limits.max_length,
        )
    )


def sent(t: Translator, config: Config, proposal: Proposal, created: bool, meeting: bool) -> View:
    """What the author is told once the proposal is stored (never before)."""
    forum = render.forum_name(config, proposal.forum_id, t)
    if not created:
        return View(
            t._(
                "You already sent this proposal: it is <b>{ref}</b>. There is no need to send "
                "it again.",
                ref=proposal.ref,
            )
        )
    if meeting:
        return View(
            t._(
                "✅ Recorded as meeting input: <b>{ref}</b> in {forum}.",
                ref=proposal.ref,
                forum=forum,
            )
        )
    due = answer_due(
        proposal.created_at, config.accountability.answer_within_days, config.council.timezone
    )
    promise = render.answer_promise(t, due)
    if proposal.status is Status.SUBMITTED:
        return View(awaiting_approval(t, proposal.ref, forum) + "\n\n" + promise)
    thanks = t._(
        "✅ Thank you! Your proposal is <b>{ref}</b> in {forum}. Others can now support it, "
        "and you will hear from us when its status changes. See it any time with /mine.",
        ref=proposal.ref,
        forum=forum,
    )
    return View(thanks + "\n\n" + promise)


def awaiting_approval(t: Translator, ref: str, forum: str) -> str:
    """What a young person is told when their proposal waits for a convenor."""
    return t._(
        "✅ Thank you! Your proposal is <b>{ref}</b> in {forum}. A youth forum convenor will "
        "look at it soon; then others can see and support it. See it any time with /mine.",
        ref=ref,
        forum=forum,
    )


def daily_limit(t: Translator, limits: ProposalLimits) -> View:
    """The author has sent as many proposals today as they may (the draft is kept)."""
    return View(
        t.n_(
            "You have sent {count} proposal today, which is the daily limit. Your text is "
            "kept: press Send again tomorrow.",
            "You have sent {count} proposals today, which is the daily limit. Your text is "
            "kept: press Send again tomorrow.",
            limits.per_person_per_day,
        )
    )


# ---- in a forum's group ------------------------------------------------------------------


def not_linked(t: Translator) -> View:
    """/propose in a group that is no forum's."""
    return View(t._("This group is not linked to a forum, so I can't take proposals here."))


def group_invitation(t: Translator) -> View:
    """/propose alone in a forum's group: the proposal is the reply to this message."""
    return View(
        t._(
            "Reply to this message with your proposal: a title on the first line, then any detail."
        )
    )


def group_result(t: Translator, config: Config, proposal: Proposal, created: bool) -> View:
    """What became of a proposal written in a group (told to its author alone, privately)."""
    forum = render.forum_name(config, proposal.forum_id, t)
    if not created:
        return View(t._("That proposal is already in: <b>{ref}</b>.", ref=proposal.ref))
    if proposal.status is Status.SUBMITTED:
        return View(awaiting_approval(t, proposal.ref, forum))
    return View(
        t._(
            "✅ Thank you! Proposal <b>{ref}</b> is now in {forum}.", ref=proposal.ref, forum=forum
        )
    )


def group_daily_limit(t: Translator) -> View:
    """A group proposal beyond the author's daily limit (told privately)."""
    return View(t._("You have reached today's limit for proposals. Please try again tomorrow."))


def told_privately(t: Translator) -> View:
    """The group's thanks, the same whoever wrote and whatever became of it."""
    return View(t._("✅ Thank you! I have sent you a private message about your proposal."))


def open_private_chat(t: Translator, bot_username: str) -> View:
    """The group's thanks when the author's private chat with the bot is closed."""
    return View(
        t._(
            "Thank you! I could not send you a private message about your proposal: "
            "please open a chat with me."
        ),
        keyboards.private_chat_link(t._("Open a private chat"), bot_username, "join"),
    )


def join_first(t: Translator, bot_username: str) -> View:
    """Someone who has not joined wrote in a group: to the private chat, to join."""
    return View(
        t._("To send proposals, please join first in a private chat with me."),
        keyboards.private_chat_link(t._("Join privately"), bot_username, "join"),
    )
