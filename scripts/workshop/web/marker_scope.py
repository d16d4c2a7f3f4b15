"""Which markers read other pages: kept apart from markers.py so that a build whose pages come
from the cache learns it without importing what renders them."""

# Markers that read only the configuration, the data files and the page that holds them, never
# another page: a page that uses no others is rendered again only when it or the data changed
# (web/page_output.py). A marker not listed here is taken to read every page.
DATA_ONLY = frozenset({
    "objective-statements", "rating-table", "rating-columns", "references", "reading-list",
    "title", "short-title", "organisers", "institution", "event", "date", "venue", "start-time",
    "session-minutes", "participants", "groups",
    "group-plan", "debrief", "ground-rules", "confidentiality", "collection-policy", "group-composition",
    "support-sources", "safeguarding", "sharing-format", "sharing-format-online", "comfort-break",
    "online-timings", "support-contact", "support-list", "block-timings", "hybrid-run-sheet", "before-you-run",
})
