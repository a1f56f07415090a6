"""Everything residents (and young people) can send or press."""

from __future__ import annotations

from bot.telegram.handlers.resident import (
    answers,
    common_ground,
    data,
    decisions,
    follow,
    follow_up,
    group,
    home,
    indicators,
    onboarding,
    proposals,
    typed_answers,
    write,
    write_typed,
)
from bot.telegram.handlers.routes import Routes

ROUTES = Routes(
    private_commands={
        "start": onboarding.start,
        "language": onboarding.language_command,
        "forums": onboarding.forums_command,
        "privacy": data.privacy_command,
        "mydata": data.mydata_command,
        "forget": data.forget_command,
        "propose": write.propose_command,
        "proposals": proposals.proposals_command,
        "mine": proposals.mine_command,
        "decisions": decisions.decisions_command,
        "conversations": common_ground.conversations_command,
        "indicators": indicators.indicators_command,
    },
    group_commands={"propose": group.group_propose_command},
    buttons=(
        write.forum_pressed,
        write.community_pressed,
        write.preview_pressed,
        answers.reply_pressed,
        typed_answers.send_typed_pressed,
        typed_answers.not_an_answer_pressed,
        home.main_action_pressed,
        follow.stop_following_pressed,
        follow_up.tap_pressed,
        follow_up.comment_pressed,
        decisions.page_pressed,
        data.forget_pressed,
        common_ground.round_pressed,
        common_ground.vote_pressed,
        indicators.back_pressed,
        indicators.suggest_pressed,
        indicators.rate_pressed,
    ),
    legacy_buttons={
        "ob": onboarding.onboarding_button,
        "lang": onboarding.language_button,
        "fm": onboarding.forum_button,
        "pl": proposals.list_button,
        "ps": proposals.support_button,
        "pm": proposals.mine_button,
    },
    flows={
        write.Draft.flow: write_typed.on_proposal_text,
        answers.AwaitingAnswer.flow: answers.on_answer_text,
        typed_answers.TypedAnswer.flow: typed_answers.on_typed_answer_text,
        follow_up.WaitingForComment.flow: follow_up.on_comment_text,
        common_ground.WritingStatement.flow: common_ground.on_statement_text,
        indicators.SuggestingIndicator.flow: indicators.on_question_text,
    },
)
