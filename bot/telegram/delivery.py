"""Sending what the outbox holds: notifications, prompts and reminders that must reach people.

Rows are claimed (so two processes never send the same one), rendered at send time in the
recipient's current language, sent, then marked sent. A crash between sending and marking
means the message goes again after restart: delivery is at least once, never zero times.
Sends to different chats run side by side and PTB's AIORateLimiter keeps them within
Telegram's limits (and waits out a 429); people who blocked the bot are marked unreachable,
not retried forever.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import date, datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.domain.common_ground import StatementState
from bot.domain.indicators import IndicatorState
from bot.domain.moderation import report_reason
from bot.domain.notifications import Kind, OutboxItem, gives_up, retry_delay
from bot.domain.periods import Period, local_days
from bot.domain.prompts import Prompt
from bot.domain.proposals import Status, reference
from bot.i18n import Translator
from bot.render import common_ground as round_render
from bot.render import digest_chart, limits
from bot.render import prompts as prompt_text
from bot.render import proposals as proposal_text
from bot.render import report as digest_report
from bot.services import Services, digest_runs
from bot.services import meetings as meeting_service
from bot.telegram.views import answers as answer_views
from bot.telegram.views import common_ground as round_views
from bot.telegram.views import conversation as conversation_views
from bot.telegram.views import decisions as decision_views
from bot.telegram.views import follow as follow_views
from bot.telegram.views import follow_up as follow_up_views
from bot.telegram.views import indicators as indicator_views
from bot.telegram.views import meetings as meeting_views
from bot.telegram.views import open_space as space_views
from bot.telegram.views import prompting as prompting_views
from bot.telegram.views import sense_check as sense_views

logger = logging.getLogger(__name__)
BATCH = 200
LEASE = timedelta(minutes=5)
PARALLEL_CHATS = 30


class Outbox:
    """Delivers due outbox rows; one delivery run at a time in this process."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()

    async def deliver(self, bot: Bot, services: Services) -> int:
        """Send everything due now; returns how many messages went out."""
        sent = 0
        async with self._lock:
            while True:
                batch = await services.store.outbox.claim(services.clock.now(), LEASE, BATCH)
                if not batch:
                    return sent
                run = _Run(bot, services)
                sent += await run.send_all(batch)
                if run.flood_wait or len(batch) < BATCH:
                    return sent


class _Run:
    """One batch: messages to different chats go in parallel, each chat's in order."""

    def __init__(self, bot: Bot, services: Services) -> None:
        self.bot = bot
        self.services = services
        self.flood_wait = False
        self._prompts: dict[int, Prompt | None] = {}
        self._gate = asyncio.Semaphore(PARALLEL_CHATS)

    async def send_all(self, batch: list[OutboxItem]) -> int:
        by_chat: dict[int | None, list[OutboxItem]] = defaultdict(list)
        for item in batch:
            by_chat[item.chat_id].append(item)
        counts = await asyncio.gather(*(self._send_chat(items) for items in by_chat.values()))
        return sum(counts)

    async def _send_chat(self, items: list[OutboxItem]) -> int:
        sent = 0
        async with self._gate:
            for index, item in enumerate(items):
                if self.flood_wait:  # Telegram asked us to slow down: leave the rest for later
                    await self.services.store.outbox.release([i.id for i in items[index:]])
                    break
                sent += await self._send_one(item)
        return sent

    async def _send_one(self, item: OutboxItem) -> int:
        store = self.services.store
        if item.chat_id is None:
            await store.outbox.mark_failed(item.id, "no recipient")
            return 0
        try:
            if item.kind is Kind.DIGEST:
                t = self._translator(item)
                period = digest_runs.period_from(self.services, item.payload)
                await send_digest(self.bot, item.chat_id, self.services, t, period)
                await store.outbox.mark_sent(item.id)
                return 1
            rendered = await self._render(item)
            if rendered is None:
                await store.outbox.mark_failed(item.id, "nothing to send any more")
                return 0
            text, keyboard = rendered
            message = await self.bot.send_message(
                item.chat_id, text, reply_markup=keyboard, message_thread_id=item.thread_id
            )
            if item.kind is Kind.HARVEST:  # the flip charts, after the notes
                session_id = int(item.payload["session_id"])
                for photo in await store.meetings.notes_photos(session_id):
                    await self.bot.send_photo(item.chat_id, photo)
        except Forbidden as error:
            logger.info("Outbox %s: recipient unreachable (%s)", item.id, error.message)
            if item.person_id is not None:
                await store.outbox.mark_unreachable(item.person_id)
            await store.outbox.mark_failed(item.id, str(error))
            return 0
        except RetryAfter as error:
            self.flood_wait = True
            await store.outbox.mark_retry(
                item.id, self.services.clock.now() + _seconds(error), str(error)
            )
            return 0
        except BadRequest as error:
            logger.warning("Outbox %s refused by Telegram: %s", item.id, error.message)
            await store.outbox.mark_failed(item.id, str(error))
            return 0
        except TelegramError as error:  # timeouts, 5xx: try again later, then give up
            await self._later(item, error)
            return 0
        await store.outbox.mark_sent(item.id)
        await self._remember(item, message)
        return 1

    async def _later(self, item: OutboxItem, error: TelegramError) -> None:
        store = self.services.store
        attempts = item.attempts + 1
        if gives_up(attempts):
            logger.error("Outbox %s failed %s times; giving up: %s", item.id, attempts, error)
            await store.outbox.mark_failed(item.id, str(error))
        else:
            when = self.services.clock.now() + retry_delay(attempts)
            await store.outbox.mark_retry(item.id, when, str(error))

    async def _remember(self, item: OutboxItem, message: Message) -> None:
        """Prompts are remembered where they were sent (group posts, and private messages with
        when they arrived) so that replies to them, and text typed while one waits for an
        answer, count as answers."""
        if item.kind is Kind.DIGEST:
            return  # several messages; nothing to remember
        if item.kind in (Kind.PROMPT, Kind.REMINDER) and item.person_id is not None:
            await self.services.store.prompts.record_delivery(
                int(item.payload["prompt_id"]), item.person_id, message.message_id,
                reminder=item.kind is Kind.REMINDER,
            )  # fmt: skip
            return
        if item.kind is Kind.PROMPT_POST:
            prompt = await self._prompt(item)
            if prompt is not None:
                await self.services.store.posts.record(
                    message.chat_id, message.message_id, "prompt", prompt.forum_id,
                    prompt.side.value, prompt.id,
                )  # fmt: skip

    async def _prompt(self, item: OutboxItem) -> Prompt | None:
        prompt_id = int(item.payload["prompt_id"])
        if prompt_id not in self._prompts:
            self._prompts[prompt_id] = await self.services.store.prompts.get(prompt_id)
        return self._prompts[prompt_id]

    async def _answers(self, item: OutboxItem) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """New answers to a convenor's prompt, counted as the notice goes (none left, for
        all were hidden meanwhile: no notice), with a button to the first of them."""
        prompt = await self._prompt(item)
        since = datetime.fromisoformat(str(item.payload["since"]))
        if prompt is None:
            return None
        new, earlier = await self.services.store.prompts.answers_since(prompt.id, since)
        if new == 0:
            return None
        t, config = self._translator(item), self.services.config
        text = prompt_text.answers_notice(t, config, prompt, new)
        return text, prompting_views.read_new_answers(t, prompt.id, earlier)

    def _about_a_proposal(self, item: OutboxItem) -> tuple[str, InlineKeyboardMarkup | None]:
        """News about a proposal: a status change or a reply (to its author, or to a supporter
        who follows it, with a button to stop), or the overdue notice."""
        payload, t = item.payload, self._translator(item)
        proposal_id = int(payload["proposal_id"])
        ref, title = reference(proposal_id), str(payload["title"])
        follower = bool(payload.get("follower"))
        stop = follow_views.stop_keyboard(t, proposal_id) if follower else None
        if item.kind is Kind.OVERDUE:
            config = self.services.config
            forum = proposal_text.forum_name(config, str(payload.get("forum_id")), t)
            days = config.accountability.answer_within_days
            return proposal_text.overdue_notice(t, ref, title, forum, days), None
        if item.kind is Kind.REPLY:
            text = str(payload["text"])
            return proposal_text.reply_notice(t, ref, title, text, follower), stop
        note, status = str(payload.get("note") or ""), Status(payload["to"])
        if follower:
            return proposal_text.follower_status_notice(t, ref, title, status, note), stop
        return proposal_text.status_notice(t, ref, title, status, note), None

    async def _follow_up(self, item: OutboxItem) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """ "Did it close the loop?" — unless the decision was reversed (or the proposal hidden)
        since it was queued: then it is not asked."""
        proposal_id = int(item.payload["proposal_id"])
        store = self.services.store
        if not await store.follow_ups.still_asked(proposal_id, item.person_id):
            return None
        proposal = await store.proposals.get(proposal_id)
        assert proposal is not None
        t = self._translator(item)
        view = follow_up_views.question(
            t, proposal.id, proposal.ref, proposal.title, proposal.status
        )
        return view.text, view.keyboard

    async def _round_up(self, item: OutboxItem) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """Last month's decisions in one forum side, for its group; nothing if there were none."""
        payload, config = item.payload, self.services.config
        first, last = date.fromisoformat(payload["first"]), date.fromisoformat(payload["last"])
        period = local_days(first, last, config.council.timezone)
        scope = [(str(payload["forum_id"]), str(payload["side"]))]
        found, _ = await self.services.store.decisions.page(scope, 0, 50, period.start, period.end)
        if not found:
            return None
        month = self.services.i18n("cy").month_year(first)
        month_en = self.services.i18n("en").month_year(first)
        text = decision_views.round_up(self.services.i18n, config, found, (month, month_en))
        return text, None

    async def _round(self, item: OutboxItem) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """A conversation's invitation; not sent once it has closed."""
        found = await self.services.store.rounds.get(int(item.payload["round_id"]))
        if found is None or not found.is_open(self.services.clock.now()):
            return None
        t = self._translator(item)
        forum = self.services.config.forum(found.forum_id)
        name = forum.name(t.language) if forum else found.forum_id
        view = round_views.invitation(t, found, name)
        return view.text, view.keyboard

    async def _statement_review(
        self, item: OutboxItem
    ) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """To a convenor: a statement waits for approval, or was reported, with the buttons
        to act at once; not sent if someone already did."""
        store, reported = self.services.store, item.payload.get("why") == "report"
        statement = await store.rounds.statement(int(item.payload["statement_id"]))
        if statement is None or statement.state is StatementState.HIDDEN:
            return None
        if not reported and statement.state is not StatementState.WAITING:
            return None
        found = await store.rounds.get(statement.round_id)
        assert found is not None
        t = self._translator(item)
        forum = round_render.forum_label(t, self.services.config, found)
        view = conversation_views.review_notice(t, statement, forum, reported)
        return view.text, view.keyboard

    async def _indicator(self, item: OutboxItem) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """An adopted indicator's one-tap question; not sent if it stopped being asked."""
        asked = await self.services.store.indicators.ask(int(item.payload["ask_id"]))
        if asked is None or asked[0].state is not IndicatorState.ADOPTED:
            return None
        indicator, t = asked[0], self._translator(item)
        forum = self.services.config.forum(indicator.forum_id)
        name = forum.name(t.language) if forum else indicator.forum_id
        view = indicator_views.question(t, indicator, name, int(item.payload["ask_id"]), None)
        return view.text, view.keyboard

    async def _sense_check(
        self, item: OutboxItem
    ) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """A quick sense check's three buttons."""
        check = await self.services.store.sense_checks.get(int(item.payload["check_id"]))
        if check is None:
            return None
        t = self._translator(item)
        forum = self.services.config.forum(check.forum_id)
        view = sense_views.invitation(t, check, forum.name(t.language) if forum else "")
        return view.text, view.keyboard

    async def _meeting(self, item: OutboxItem) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """A meeting's invitation or reminder (not once it is cancelled or has begun), or its
        cancellation."""
        meeting = await self.services.store.meetings.get(int(item.payload["meeting_id"]))
        if meeting is None:
            return None
        t, config = self._translator(item), self.services.config
        if item.kind is Kind.MEETING_CANCELLED:
            view = meeting_views.cancelled(t, config, meeting)
        elif meeting.cancelled or meeting.starts_at <= self.services.clock.now():
            return None
        elif item.kind is Kind.MEETING:
            view = meeting_views.invitation(t, config, meeting)
        elif item.kind is Kind.MEETING_CHANGED:
            view = meeting_views.invitation(t, config, meeting, changed=True)
        else:
            view = meeting_views.reminder(t, config, meeting)
        return view.text, view.keyboard

    async def _agenda(self, item: OutboxItem) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """The Open Space agenda as it stands when sent (not for a cancelled meeting)."""
        services = self.services
        meeting = await services.store.meetings.get(int(item.payload["meeting_id"]))
        built = await meeting_service.agenda(services, meeting) if meeting else None
        if meeting is None or meeting.cancelled or built is None:
            return None
        topics = {o.id: o.topic for o, _ in await services.store.meetings.sessions(meeting.id)}
        languages = ("cy", "en") if item.payload.get("group") else (None,)
        parts = []
        for language in languages:  # a group's post is in Welsh, then English
            t = services.i18n(language) if language else self._translator(item)
            forum = round_render.sides_label(t, services.config, meeting.forum_id, meeting.side)
            when = meeting_views.when(t, meeting) + ", " + meeting.place
            parts.append(space_views.agenda(t, forum, when, built[0], built[1], topics).text)
        return limits.trim("\n\n".join(parts), limits.MESSAGE_LIMIT), None

    async def _harvest(self, item: OutboxItem) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """Asking a host for notes (not once they are in), or the notes themselves."""
        store = self.services.store
        found = await store.meetings.session(int(item.payload["session_id"]))
        meeting = await store.meetings.get(found[1]) if found else None
        if found is None or meeting is None:
            return None
        offered, _, notes = found
        t = self._translator(item)
        config = self.services.config
        if item.kind is Kind.SESSION_REVIEW:
            if await store.meetings.session_state(offered.id) != "waiting":
                return None  # decided before the notice went
            forum = round_render.sides_label(t, config, meeting.forum_id, meeting.side)
            view = space_views.session_review(t, offered.topic, forum, offered.id)
        elif item.kind is Kind.HARVEST_ASK:
            if notes is not None:
                return None
            view = space_views.harvest_ask(t, offered.topic, offered.id)
        else:
            forum = round_render.sides_label(t, config, meeting.forum_id, meeting.side)
            convenor = offered.id if item.payload.get("convenor") else None
            view = space_views.harvest(t, offered.topic, forum, notes or "", convenor)
        return view.text, view.keyboard

    def _translator(self, item: OutboxItem) -> Translator:
        return self.services.i18n(item.language or self.services.config.council.default_language)

    async def _render(self, item: OutboxItem) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """The message for an outbox row, in the recipient's language."""
        payload = item.payload
        config = self.services.config
        if item.kind in (Kind.STATUS_CHANGE, Kind.REPLY, Kind.OVERDUE):
            return self._about_a_proposal(item)
        if item.kind is Kind.FOLLOW_UP:
            return await self._follow_up(item)
        if item.kind is Kind.ROUND_UP:
            return await self._round_up(item)
        if item.kind is Kind.ROUND:
            return await self._round(item)
        if item.kind is Kind.STATEMENT_REVIEW:
            return await self._statement_review(item)
        if item.kind is Kind.INDICATOR:
            return await self._indicator(item)
        if item.kind is Kind.SENSE_CHECK:
            return await self._sense_check(item)
        if item.kind is Kind.AGENDA:
            return await self._agenda(item)
        if item.kind in (Kind.HARVEST_ASK, Kind.HARVEST, Kind.SESSION_REVIEW):
            return await self._harvest(item)
        if item.kind in (
            Kind.MEETING,
            Kind.MEETING_REMINDER,
            Kind.MEETING_CANCELLED,
            Kind.MEETING_CHANGED,
        ):
            return await self._meeting(item)
        if item.kind is Kind.REVIEW_NEEDED:
            proposal = await self.services.store.proposals.get(int(payload["proposal_id"]))
            reported = payload.get("why") == "report"
            if proposal is None or (not reported and proposal.status is not Status.SUBMITTED):
                return None  # approved (or withdrawn) before the notice went
            t = self._translator(item)
            reason = report_reason(payload.get("reason")) if reported else None
            return proposal_text.review_notice(t, config, proposal, reported, reason), None
        if item.kind is Kind.ANSWERS:
            return await self._answers(item)
        prompt = await self._prompt(item)
        if prompt is None:
            return None
        if item.kind is Kind.PROMPT_POST:
            return prompt_text.group_post(self.services.i18n, config, prompt), None
        t = self._translator(item)
        text = prompt_text.private(t, config, prompt, reminder=item.kind is Kind.REMINDER)
        return text, answer_views.reply_keyboard(t, prompt.id)


def _seconds(error: RetryAfter) -> timedelta:
    wait = error.retry_after
    return wait if isinstance(wait, timedelta) else timedelta(seconds=float(wait))


async def send_digest(
    bot: Bot, chat_id: int, services: Services, t: Translator, period: Period
) -> None:
    """The digest for ``period`` to one officer: the messages, the chart (its numbers are in
    the text too), then the CSV and the HTML report as files."""
    figures = await digest_runs.figures(services, period)
    config = services.config
    for text in digest_report.messages(t, config, figures):
        await bot.send_message(chat_id, text)
    by_forum, trend = (
        digest_chart.by_forum_png(t, config, figures),
        digest_chart.trend_png(t, figures),
    )
    caption = t._(
        "By forum: new proposals, people taking part, answers and decisions, adults and "
        "youth side by side. The numbers are in the messages above."
    )
    await bot.send_photo(chat_id, by_forum, caption=caption)
    caption = t._(
        "The same four measures over the last 12 weeks, and how many proposals the council "
        "answered for the first time each week."
    )
    await bot.send_photo(chat_id, trend, caption=caption)
    stem = f"cydlais-digest-{period.key}"
    await bot.send_document(
        chat_id,
        digest_report.csv_text(t, config, figures).encode(),
        filename=f"{stem}.csv",
        caption=t._("Every proposal of the period, one row each (no personal data)."),
    )
    drawn = {t.language: (by_forum, trend)}
    report = digest_report.html_report(services.i18n, t, config, figures, drawn)
    await bot.send_document(
        chat_id,
        report.encode(),
        filename=f"{stem}.html",
        caption=t._("A report to forward to councillors; it opens in any browser."),
    )
