"""The SQL twins of ``bot.domain.visibility.audience``: keep them in step with it.

Queries that pick proposals for several people at once (exports, digests, review screens)
cannot ask the domain about each row, so they filter with these fragments (the proposals
table aliased as ``p``).
"""

from __future__ import annotations

# Everyone may see these (open data, the digest): published and not hidden.
SEEN_BY_EVERYONE = "p.published = 1 AND p.hidden = 0"
# The convenors of its forum side may see everything but a young person's proposal withdrawn
# before approval, which only its author ever sees.
SEEN_BY_REVIEWERS = "(p.published = 1 OR p.status = 'submitted')"
