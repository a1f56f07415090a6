"""Everything residents (and young people) can send or press."""

from __future__ import annotations

from bot.telegram.handlers.resident import answers, data, onboarding, proposals
from bot.telegram.handlers.routes import Routes

ROUTES = Routes(
    private_commands={
        "start": onboarding.start,
        "language": onboarding.language_command,
        "forums": onboarding.forums_command,
        "privacy": data.privacy_command,
        "mydata": data.mydata_command,
        "forget": data.forget_command,
        "propose": proposals.propose_command,
        "proposals": proposals.proposals_command,
        "mine": proposals.mine_command,
    },
    group_commands={"propose": proposals.group_propose_command},
    legacy_buttons={
        "ob": onboarding.onboarding_button,
        "lang": onboarding.language_button,
        "fm": onboarding.forum_button,
        "pp": proposals.propose_button,
        "pl": proposals.list_button,
        "ps": proposals.support_button,
        "pm": proposals.mine_button,
        "pa": answers.answer_button_pressed,
        "fg": data.forget_button,
    },
    flows={
        proposals.FLOW: proposals.on_proposal_text,
        answers.FLOW: answers.on_answer_text,
        answers.TYPED_FLOW: answers.on_typed_answer_text,
    },
)
