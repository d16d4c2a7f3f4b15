"""What each insertion marker prints, and where its content comes from: the data of the generated
reference that the adapt guide shows with <!-- workshop:marker-reference --> (markers.py renders it).

A marker that is not described here fails tests/test_marker_reference.py, so the reference can never
fall behind the markers the engine knows.
"""

from __future__ import annotations

# marker -> (what it prints, where the content comes from)
DESCRIBED: dict[str, tuple[str, str]] = {
    "objectives": ("The learning objectives as a list: id, short name and statement.", "mkdocs.yml `extra.objectives`"),
    "objective-statements": ("The objectives' statements alone, for a handout or slide.", "mkdocs.yml `extra.objectives`"),
    "alignment-map": ("A table of pages against objectives, with the evidence the checker found on each page.",
                      "every page's front matter and text"),
    "reading-list": ("Every source in the bibliography, grouped by topic.", "data/bibliography.yaml, mkdocs.yml `extra.reading_list`"),
    "references": ("The sources this page cites (placed where the marker is, instead of at the end).", "data/bibliography.yaml"),
    "glossary": ("Every term with its plain definition and its fuller one.", "data/glossary.yaml"),
    "plain-words": ("A plain-English word list of the glossary terms the page uses.", "data/glossary.yaml"),
    "timetable": ("The session's blocks with clock times, minutes, mode and objectives.", "data/agenda.yaml, mkdocs.yml `extra.workshop`"),
    "block-guide": ("What the facilitator does and asks in each block.", "data/agenda.yaml"),
    "materials": ("The materials list, with quantities computed for the room and the printed handouts.",
                  "mkdocs.yml `extra.materials`, `extra.workshop`, handouts' `print_for`"),
    "case-index": ("The case studies, each with its one-line description.", "case-study pages' front matter"),
    "case-table": ("The case studies classified by stage, stakeholders, compromise, country and setting.",
                   "case-study pages' `case:` front matter, mkdocs.yml `extra.vocabulary`"),
    "rating-table": ("The self-assessment's rating table, one row per objective.", "mkdocs.yml `extra.objectives`"),
    "experience-table": ("The questions on taking part, each to mark from strongly disagree to strongly agree.",
                         "mkdocs.yml `extra.evaluation.questions`"),
    "rating-columns": ("The column names of the ratings file that `make evaluation` reads.", "mkdocs.yml `extra.objectives`"),
    "online-form": ("The self-assessment as an online form: each question in order, named by the column make evaluation reads.",
                    "mkdocs.yml `extra.objectives` (plain wording) and `extra.evaluation.questions`"),
    "title": ("The workshop's title.", "mkdocs.yml `site_name` (= `extra.workshop.title`)"),
    "short-title": ("The workshop's short title.", "mkdocs.yml `extra.workshop.short_title`"),
    "organisers": ("The organisers' names.", "mkdocs.yml `extra.workshop.organisers`"),
    "institution": ("The organisers' institution.", "mkdocs.yml `extra.workshop.institution`"),
    "event": ("The event the workshop is given at.", "mkdocs.yml `extra.workshop.event`"),
    "date": ("The date of the workshop.", "mkdocs.yml `extra.workshop.date`"),
    "venue": ("The venue.", "mkdocs.yml `extra.workshop.venue`"),
    "start-time": ("The clock time the session starts.", "mkdocs.yml `extra.workshop.start_time`"),
    "session-minutes": ("The session's length in minutes.", "mkdocs.yml `extra.workshop.session_minutes`"),
    "participants": ("The number of participants planned for.", "mkdocs.yml `extra.workshop.participants`"),
    "groups": ("The number of groups (set, or computed from the participants).", "mkdocs.yml `extra.workshop`"),
    "group-plan": ("How the room divides into groups: sizes, scenarios, public contributors.", "mkdocs.yml `extra.workshop`, the card handouts"),
    "debrief": ("How the debrief runs for this room, in its block's minutes.", "data/agenda.yaml, mkdocs.yml `extra.workshop`"),
    "ground-rules": ("The ground rules, in full.", "data/session.yaml `ground_rules`"),
    "confidentiality": ("Confidentiality and its limits.", "data/session.yaml"),
    "collection-policy": ("What is collected during the session and what is not.", "data/session.yaml"),
    "group-composition": ("How groups are composed.", "data/session.yaml"),
    "support-sources": ("Where participants can get support.", "data/session.yaml"),
    "safeguarding": ("What the facilitator does if someone is at risk.", "data/session.yaml"),
    "sharing-format": ("The format of the sharing activity, timed from its block.", "data/session.yaml, data/agenda.yaml"),
    "sharing-format-online": ("The sharing activity's format online.", "data/session.yaml, data/agenda.yaml"),
    "comfort-break": ("The break: when it falls and how long it is.", "data/session.yaml, data/agenda.yaml"),
    "run-sheet": ("The plan on one printed page: time, block, what to say and do, what to hand out.", "data/agenda.yaml, data/session.yaml"),
    "online-timings": ("How each block's timing changes when groups work online.", "data/agenda.yaml, data/session.yaml"),
    "facilitator-view": ("The live facilitator view: the current block, its timer and what comes next.", "data/agenda.yaml"),
    "support-contact": ("The named person to talk to on the day, or what to do while none is named.",
                        "mkdocs.yml `extra.workshop.support_contact`"),
    "support-list": ("Where to turn after the session, as a list a participant keeps.", "data/session.yaml `support_sources`"),
    "block-timings": ("Each block's minutes against what it asks: the words read aloud at the configured pace, and its steps.",
                      "data/agenda.yaml `say:` and `steps:`, mkdocs.yml `extra.timing`"),
    "hybrid-run-sheet": ("One printed page for whoever hosts the online group: its line in every block.",
                         "data/agenda.yaml, data/session.yaml `online`, mkdocs.yml `extra.workshop.online`"),
    "before-you-run": ("The checklist of what to set before the day, with the current values and what still describes the original event.",
                       "mkdocs.yml `extra.workshop`"),
    "marker-reference": ("This reference of every marker.", "the engine"),
}

