"""The Well-being of Future Generations (Wales) Act 2015 goals, by the ids the config uses, with
their names for translation (forums and indicators are tagged with them)."""

from __future__ import annotations

from bot.i18n import N_

GOAL_NAMES = {
    "prosperous": N_("A prosperous Wales"),
    "resilient": N_("A resilient Wales"),
    "healthier": N_("A healthier Wales"),
    "more_equal": N_("A more equal Wales"),
    "cohesive_communities": N_("A Wales of cohesive communities"),
    "vibrant_culture_welsh_language": N_("A Wales of vibrant culture and thriving Welsh language"),
    "globally_responsible": N_("A globally responsible Wales"),
}
