"""Which markers read other pages: kept apart from markers.py so that a build whose pages come
from the cache learns it without importing what renders them."""

# Markers that read only the configuration, the data files and the page that holds them, never
# another page: a page that uses no others is rendered again only when it or the data changed
# (web/page_output.py). A marker not listed here is taken to read every page: the group plan and
# the debrief read the handouts that hold the scenario and role cards (model/cards.py).
DATA_ONLY = frozenset({
    "objective-statements", "plain-words", "rating-table", "experience-table", "rating-columns", "online-form", "references", "reading-list",
    "title", "short-title", "organisers", "institution", "event", "date", "venue", "start-time",
    "session-minutes", "participants", "groups",
    "ground-rules", "confidentiality", "collection-policy", "group-composition",
    "support-sources", "safeguarding", "sharing-format", "sharing-format-online", "comfort-break",
    "online-timings", "marker-reference", "support-contact", "support-list", "block-timings", "hybrid-run-sheet",
    "before-you-run",
})
