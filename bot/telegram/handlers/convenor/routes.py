"""Everything forum convenors can send or press."""

from __future__ import annotations

from bot.telegram.handlers.convenor import (
    compose,
    conversation,
    indicators,
    invites,
    meeting,
    prompts,
    review,
    round_results,
    schedules,
    sense_check,
)
from bot.telegram.handlers.routes import Routes

ROUTES = Routes(
    private_commands={
        "prompt": prompts.prompt_command,
        "schedule": schedules.schedule_command,
        "meeting": meeting.meeting_command,
        "review": review.review_command,
        "invite": invites.invite_command,
        "conversation": conversation.conversation_command,
    },
    buttons=(
        meeting.side_pressed,
        review.item_pressed,
        review.hidden_pressed,
        review.paused_pressed,
        review.unpause_pressed,
        review.proposal_pressed,
        prompts.new_pressed,
        prompts.list_pressed,
        prompts.answers_pressed,
        prompts.hide_pressed,
        schedules.new_pressed,
        schedules.list_pressed,
        schedules.cancel_pressed,
        compose.side_pressed,
        compose.weekday_pressed,
        compose.every_pressed,
        compose.languages_pressed,
        compose.send_pressed,
        compose.stop_pressed,
        conversation.new_pressed,
        conversation.scope_pressed,
        conversation.days_pressed,
        conversation.languages_pressed,
        conversation.open_pressed,
        round_results.results_pressed,
        round_results.moderate_pressed,
        indicators.decide_pressed,
        indicators.goal_pressed,
        sense_check.new_pressed,
        sense_check.scope_pressed,
        sense_check.results_pressed,
    ),
    flows={
        compose.PromptDraft.flow: compose.on_compose_text,
        review.HideReason.flow: review.on_hide_reason,
        conversation.RoundDraft.flow: conversation.on_setup_text,
        sense_check.SenseDraft.flow: sense_check.on_subject_text,
    },
)
