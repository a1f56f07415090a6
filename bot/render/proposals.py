"""Proposal cards, lists, statuses and the "you said, we did" notice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.config import Config
from bot.domain.accountability import answer_due, awaiting_answer
from bot.domain.moderation import ReportReason
from bot.domain.people import Side
from bot.domain.proposals import Order, Page, PageRequest, Proposal, Status
from bot.i18n import N_, NC_, Html, Translator, escape, unescape
from bot.render import limits

EXCERPT = 200
# A card shown on its own leaves room in its message for a heading and a question around it.
CARD_LIMIT = limits.MESSAGE_LIMIT - 400
TITLE_ROOM = 300  # a title quoted in a notice (titles are at most 120 characters anyway)
FORUM_ROOM = 100  # a forum's name as shown (the council names them in config.toml)

STATUS_LABELS = {
    Status.SUBMITTED: N_("waiting for a convenor's approval"),
    Status.OPEN: N_("open for support"),
    Status.UNDER_CONSIDERATION: N_("under consideration"),
    Status.ADOPTED: N_("adopted into the Community Strategy"),
    Status.NOT_TAKEN_FORWARD: N_("not taken forward"),
    Status.DELIVERED: N_("delivered"),
    Status.WITHDRAWN: N_("withdrawn"),
}
# Short button labels for officers choosing a status (the digest's counts have their own).
STATUS_BUTTONS = {
    Status.OPEN: NC_("status button", "Open"),
    Status.UNDER_CONSIDERATION: NC_("status button", "Under consideration"),
    Status.ADOPTED: NC_("status button", "Adopted"),
    Status.NOT_TAKEN_FORWARD: NC_("status button", "Not taken forward"),
    Status.DELIVERED: NC_("status button", "Delivered"),
}

REPORT_REASONS = {
    ReportReason.OFFENSIVE: N_("Offensive or hurtful"),
    ReportReason.PERSONAL_INFORMATION: N_("Shares personal information"),
    ReportReason.OFF_TOPIC: N_("Not about this forum"),
    ReportReason.OTHER: N_("Something else"),
}


def report_reasons(t: Translator, reasons: Sequence[tuple[ReportReason, int]]) -> str:
    """What reporters said, for convenors: "Why: Offensive or hurtful (2), Something else (1)"."""
    said = ", ".join(f"{t._(REPORT_REASONS[r])} ({t.number(n)})" for r, n in reasons)
    return t._("Why: {reasons}", reasons=Html(said)) if said else ""


def status_label(t: Translator, status: Status) -> str:
    """A status in words."""
    return t._(STATUS_LABELS[status])


def supporters(t: Translator, count: int) -> str:
    """ "3 supporters" with the right plural form (six in Welsh)."""
    return t.n_("{count} supporter", "{count} supporters", count)


def forum_name(config: Config, forum_id: str, t: Translator) -> str:
    """A forum's name in the reader's language (its id if it is no longer configured)."""
    forum = config.forum(forum_id)
    return limits.trim(forum.name(t.language) if forum else forum_id, FORUM_ROOM)


def community_name(config: Config, community_id: str | None, t: Translator) -> str | None:
    """A community's name in the reader's language, if the proposal has one."""
    for community in config.communities:
        if community.id == community_id:
            return community.name(t.language)
    return None


def origin(t: Translator, proposal: Proposal) -> str:
    """Where a proposal came from, without naming anyone (young people are never named)."""
    if proposal.meeting_input:
        return t._("raised at a forum meeting")
    if proposal.side is Side.YOUTH:
        return t._("Youth forum")
    return t._("a resident")


def card(
    t: Translator, config: Config, proposal: Proposal, full: bool = False, budget: int = CARD_LIMIT
) -> str:
    """A proposal as it appears in lists (an excerpt) or on its own (``full``), in at most
    ``budget`` units of visible text: the detail, then the title, give way with "…"."""
    detail = proposal.detail if full else limits.trim(proposal.detail, EXCERPT)
    facts = [
        origin(t, proposal),
        forum_name(config, proposal.forum_id, t),
        community_name(config, proposal.community_id, t),
        supporters(t, proposal.support_count),
        status_label(t, proposal.status),
    ]
    facts_line = " · ".join(f for f in facts if f)
    head = f"{proposal.ref} · "
    title = proposal.title
    sizes = [limits.units(part) for part in (head, title, detail, facts_line)]
    if sum(sizes) + 2 > budget:  # rarely: only very long text on a shared page
        facts_line = limits.trim(facts_line, budget // 3)
        room = budget - sizes[0] - limits.units(facts_line) - 1
        title = limits.trim(title, room - min(sizes[2] + 1, room // 2))
        detail = limits.trim(detail, room - limits.units(title) - 1)
    lines = [f"<b>{proposal.ref}</b> · <b>{escape(title)}</b>"]
    if detail:
        lines.append(escape(detail))
    lines.append("<i>" + escape(facts_line) + "</i>")
    return "\n".join(lines)


def own_waiting(t: Translator, waiting: list[Proposal]) -> str:
    """A young person's own proposals still waiting for a youth worker (they see them; no one
    else does yet)."""
    lines = [
        t.n_(
            "⏳ Yours is waiting for a youth worker to look at it; then others can see it:",
            "⏳ Yours are waiting for a youth worker to look at them; then others can see them:",
            len(waiting),
        )
    ]
    lines.extend(
        t._("{ref} “{title}”", ref=p.ref, title=limits.trim(p.title, 120)) for p in waiting[:5]
    )
    return "\n".join(lines)


def page(
    t: Translator, config: Config, request: PageRequest, listing: Page, viewer_id: int
) -> str:
    """A page of a forum's proposals (saying which filters are on), the viewer's own and those
    they support marked."""
    name = forum_name(config, request.forum_id, t)
    filters = list_filters(t, config, request)
    if listing.total == 0 and filters:
        return t._(
            "No proposals in {forum} match what you chose ({filters}).", forum=name,
            filters=filters,
        )  # fmt: skip
    if listing.total == 0:
        return t._(
            "There are no proposals in {forum} yet. Be the first: send /propose.", forum=name
        )
    heading = (
        t._("<b>{forum}</b>: most supported first", forum=name)
        if request.order is Order.MOST_SUPPORTED
        else t._("<b>{forum}</b>: newest first", forum=name)
    )
    counter = t._("Page {page} of {pages}", page=listing.page + 1, pages=listing.pages)
    top = " · ".join(part for part in (heading, escape(filters), counter) if part)
    # Every card gets an equal share of the message, the "yours" line inside it.
    each = limits.share(limits.MESSAGE_LIMIT - limits.html_units(top) - 2, len(listing.items))
    marks = {"supported": "\n" + t._("✓ You support this"), "own": "\n" + t._("✎ This is yours")}
    cards = []
    for item in listing.items:
        mark = (
            marks["own"]
            if item.proposal.author_id == viewer_id
            else marks["supported"]
            if item.supported_by_viewer
            else ""
        )
        budget = each - limits.units(mark)
        cards.append(card(t, config, item.proposal, budget=budget) + mark)
    return "\n\n".join([top, *cards])


def list_filters(t: Translator, config: Config, request: PageRequest) -> str:
    """The filters on a list in words ("open for support, Burry Port"); "" for none."""
    parts = []
    if request.open_only:
        parts.append(unescape(t._("open for support")))
    community = community_name(config, request.community_id, t)
    if community is not None:
        parts.append(community)
    return ", ".join(parts)


def preview(t: Translator, text: str, facts: list[str]) -> str:
    """A proposal as its author is about to send it (title line in bold), with "Send it?"."""

    def build(words: str) -> str:
        title, _, detail = words.partition("\n")
        body = f"<b>{escape(title)}</b>" + (
            f"\n{escape(detail.strip())}" if detail.strip() else ""
        )
        return t._(
            "<b>Your proposal</b>\n\n{body}\n\n<i>{facts}</i>\n\nSend it?",
            body=Html(body),
            facts=" · ".join(facts),
        )

    return limits.fit_value(build, text)


def mine_list(t: Translator, config: Config, proposals: list[Proposal]) -> str:
    """Someone's own proposals, newest first: title, forum, support and status of each."""
    heading = t._("<b>Your proposals</b> (newest first)")
    each = limits.share(limits.MESSAGE_LIMIT - limits.html_units(heading) - 2, len(proposals))
    blocks = [heading]
    for proposal in proposals:
        parts = [
            forum_name(config, proposal.forum_id, t),
            supporters(t, proposal.support_count),
            status_label(t, proposal.status),
        ]
        if awaiting_answer(proposal) or proposal.status is Status.SUBMITTED:
            due = answer_due(
                proposal.created_at,
                config.accountability.answer_within_days,
                config.council.timezone,
            )
            parts.append(t._("an answer is promised by {date}", date=t.date(due, "medium")))
        facts = " · ".join(parts)
        facts = limits.trim(facts, each // 2)
        head = f"{proposal.ref} · "
        title = limits.trim(proposal.title, each - limits.units(head + facts) - 1)
        blocks.append(f"<b>{proposal.ref}</b> · {escape(title)}\n<i>{escape(facts)}</i>")
    return "\n\n".join(blocks)


def hidden_list(t: Translator, config: Config, proposals: list[Proposal]) -> str:
    """Hidden proposals for a convenor, every one of them on the page (cards shortened to
    share it), so each can be read and restored."""
    heading = t._("<b>Hidden items</b>")
    each = limits.share(limits.MESSAGE_LIMIT - limits.html_units(heading) - 2, len(proposals))
    return "\n\n".join([heading, *(card(t, config, p, budget=each) for p in proposals)])


def review_notice(
    t: Translator,
    config: Config,
    proposal: Proposal,
    reported: bool,
    reason: ReportReason | None = None,
) -> str:
    """To a convenor: a proposal waits for approval, or a member reported one (and why)."""
    forum = forum_name(config, proposal.forum_id, t)
    if proposal.side is Side.YOUTH:
        forum = t._("{forum} (youth forum)", forum=forum)
    else:
        forum = escape(forum)
    title = limits.trim(proposal.title, TITLE_ROOM)
    if reported:
        why = ""
        if reason is not None:
            why = "\n" + t._("Why: {reasons}", reasons=Html(t._(REPORT_REASONS[reason])))
        return limits.fit_value(
            lambda words: (
                t._(
                    "⚑ A member reported <b>{ref}</b> in {forum}: “{title}”. "
                    "Send /review to look at it.",
                    ref=proposal.ref,
                    forum=Html(forum),
                    title=words,
                )
                + why
            ),
            title,
        )
    return limits.fit_value(
        lambda words: t._(
            "🛡 A new proposal, <b>{ref}</b>, in {forum} is waiting for your approval: "
            "“{title}”. Send /review to look at it.",
            ref=proposal.ref,
            forum=Html(forum),
            title=words,
        ),
        title,
    )


AUTHOR_NEWS = N_(
    "📣 <b>News about your proposal {ref}</b>\n“{title}”\nIt is now: <b>{status}</b>."
)
FOLLOWER_NEWS = N_(
    "📣 <b>News about a proposal you support, {ref}</b>\n“{title}”\nIt is now: <b>{status}</b>."
)


def status_notice(
    t: Translator, ref: str, title: str, status: Status, note: str, follower: bool = False
) -> str:
    """ "You said, we did": what happened to someone's proposal (or, for a ``follower``, one
    they support), in their language. Always one message Telegram accepts: a note too long for
    it (officers are held to NOTE_MAX, so only an old or forged one) is shortened with "…"
    rather than never delivered."""
    heading = FOLLOWER_NEWS if follower else AUTHOR_NEWS
    text = t._(
        heading,
        ref=ref,
        title=limits.trim(title, TITLE_ROOM),
        status=Html(escape(status_label(t, status))),
    )
    thanks = "\n\n" + (
        t._("You hear about it because you support it.")
        if follower
        else t._("Thank you for taking part. See all your proposals with /mine.")
    )
    if not note:
        return text + thanks
    return limits.fit_value(
        lambda words: text + "\n\n" + t._("Note from the council: “{note}”", note=words) + thanks,
        note,
    )


def follower_status_notice(t: Translator, ref: str, title: str, status: Status, note: str) -> str:
    """A status change told to someone who supports (and follows) the proposal."""
    return status_notice(t, ref, title, status, note, follower=True)


def reply_notice(t: Translator, ref: str, title: str, reply: str, follower: bool) -> str:
    """An officer's reply, to the author (or a follower), in the reader's language framing."""
    heading = (
        t._("💬 <b>The council replied about a proposal you support, {ref}</b>", ref=ref)
        if follower
        else t._("💬 <b>The council replied about your proposal {ref}</b>", ref=ref)
    )
    quoted = t._("“{title}”", title=limits.trim(title, TITLE_ROOM))
    closing = "\n\n" + (
        t._("You hear about it because you support it.")
        if follower
        else t._("See all your proposals with /mine.")
    )
    return limits.fit_value(
        lambda words: f"{heading}\n{quoted}\n\n" + t._("“{reply}”", reply=words) + closing,
        reply,
    )


def overdue_notice(t: Translator, ref: str, title: str, forum: str, days: int) -> str:
    """To a forum's convenors and the officers, once: a proposal is past the promise."""
    return t._(
        "⏰ <b>{ref} has had no answer within the council's promise ({promise})</b>\n“{title}” "
        "({forum})\nReply with /respond {ref} followed by your message, or decide with "
        "/status {ref}. /overdue lists every proposal waiting.",
        ref=ref,
        promise=t.duration(days),
        title=limits.trim(title, TITLE_ROOM),
        forum=forum,
    )


def answer_promise(t: Translator, due: date) -> str:
    """The council's promise, as the author reads it."""
    return t._("The council has promised a first answer by {date}.", date=t.date(due, "full"))
