"""Proposal cards, lists, statuses and the "you said, we did" notice."""

from __future__ import annotations

from bot.config import Config
from bot.domain.people import Side
from bot.domain.proposals import Listed, Order, Page, Proposal, Status
from bot.i18n import N_, NC_, Html, Translator, escape

EXCERPT = 200

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


def status_label(t: Translator, status: Status) -> str:
    """A status in words."""
    return t._(STATUS_LABELS[status])


def supporters(t: Translator, count: int) -> str:
    """ "3 supporters" with the right plural form (six in Welsh)."""
    return t.n_("{count} supporter", "{count} supporters", count)


def forum_name(config: Config, forum_id: str, t: Translator) -> str:
    """A forum's name in the reader's language (its id if it is no longer configured)."""
    forum = config.forum(forum_id)
    return forum.name(t.language) if forum else forum_id


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


def card(t: Translator, config: Config, proposal: Proposal, full: bool = False) -> str:
    """A proposal as it appears in lists (an excerpt) or on its own (``full``)."""
    detail = proposal.detail
    if not full and len(detail) > EXCERPT:
        detail = detail[: EXCERPT - 1].rstrip() + "…"
    facts = [
        origin(t, proposal),
        forum_name(config, proposal.forum_id, t),
        community_name(config, proposal.community_id, t),
        supporters(t, proposal.support_count),
        status_label(t, proposal.status),
    ]
    lines = [f"<b>{proposal.ref}</b> · <b>{escape(proposal.title)}</b>"]
    if detail:
        lines.append(escape(detail))
    lines.append("<i>" + escape(" · ".join(f for f in facts if f)) + "</i>")
    return "\n".join(lines)


def page(t: Translator, config: Config, forum_id: str, listing: Page, order: Order) -> str:
    """A page of a forum's proposals."""
    name = forum_name(config, forum_id, t)
    if listing.total == 0:
        return t._(
            "There are no proposals in {forum} yet. Be the first: send /propose.", forum=name
        )
    heading = (
        t._("<b>{forum}</b>: most supported first", forum=name)
        if order is Order.MOST_SUPPORTED
        else t._("<b>{forum}</b>: newest first", forum=name)
    )
    counter = t._("Page {page} of {pages}", page=listing.page + 1, pages=listing.pages)
    cards = [card(t, config, item.proposal) + _mine(t, item) for item in listing.items]
    return "\n\n".join([f"{heading} · {counter}", *cards])


def _mine(t: Translator, item: Listed) -> str:
    return "\n" + t._("✓ You support this") if item.supported_by_viewer else ""


def review_notice(t: Translator, config: Config, proposal: Proposal, reported: bool) -> str:
    """To a convenor: a proposal waits for approval, or a member reported one."""
    forum = forum_name(config, proposal.forum_id, t)
    if proposal.side is Side.YOUTH:
        forum = t._("{forum} (youth forum)", forum=forum)
    else:
        forum = escape(forum)
    if reported:
        return t._(
            "⚑ A member reported <b>{ref}</b> in {forum}: “{title}”. Send /review to look at it.",
            ref=proposal.ref,
            forum=Html(forum),
            title=proposal.title,
        )
    return t._(
        "🛡 A new proposal, <b>{ref}</b>, in {forum} is waiting for your approval: "
        "“{title}”. Send /review to look at it.",
        ref=proposal.ref,
        forum=Html(forum),
        title=proposal.title,
    )


def status_notice(t: Translator, ref: str, title: str, status: Status, note: str) -> str:
    """ "You said, we did": what happened to someone's proposal, in their language."""
    text = t._(
        "📣 <b>News about your proposal {ref}</b>\n“{title}”\nIt is now: <b>{status}</b>.",
        ref=ref,
        title=title,
        status=Html(escape(status_label(t, status))),
    )
    if note:
        text += "\n\n" + t._("Note from the council: “{note}”", note=note)
    return text + "\n\n" + t._("Thank you for taking part. See all your proposals with /mine.")
