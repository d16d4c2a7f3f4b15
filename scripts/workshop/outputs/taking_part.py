"""The questions on taking part (Handout 6), summarised with the care small numbers need.

Beside the ratings of confidence, participants say at the end how far they agree with a few
statements about taking part: could they follow the language, did their experience count, did
they have the support they needed (each keyed to one of the UK Standards for Public Involvement),
and will the outline they made be useful. A room of two dozen gives few answers, so the summary
gives counts, never percentages, and leaves out the counts of any question that fewer than
min_answers people answered (extra.evaluation): with three answers, "1 disagreed" can point at
a person. What cannot be shown is said, not hidden.
"""

from __future__ import annotations

import html
import statistics

from workshop.model.text import markdown_text
from workshop.outputs.data_text import count as _count, number, table_html

AGREE = {1: "strongly disagree", 2: "disagree", 3: "neither agree nor disagree", 4: "agree", 5: "strongly agree"}
HEADERS = ("Statement", "Keyed to", "n", "Disagree (1–2)", "Neither (3)", "Agree (4–5)", "Median")


def answer_rows(ratings) -> list[list[str]]:
    """One row a question: n, the counts of disagree, neither and agree, and the median; the
    counts and median left out (a dash and a note) when n is below the minimum."""
    rows = []
    for question in ratings.questions:
        given = [p.answers.get(question["id"]) for p in ratings.participants]
        given = [a for a in given if a is not None]
        row = [str(question["statement"]), str(question.get("standard") or ""), str(len(given))]
        if len(given) < ratings.min_answers:
            row += ["–", "–", "–", "–"]
        else:
            row += [str(sum(a <= 2 for a in given)), str(sum(a == 3 for a in given)),
                    str(sum(a >= 4 for a in given)), number(statistics.median(given))]
        rows.append(row)
    return rows


def suppressed(ratings) -> int:
    return sum(row[3] == "–" for row in answer_rows(ratings))


def answers_markdown(ratings) -> list[str]:
    """The section of the evaluation summary on taking part."""
    lines = ["## Taking part", "",
             f"*How far participants agreed, at the end of the session, with {_count(len(ratings.questions), 'statement')} "
             "about taking part, from 1 (strongly disagree) to 5 (strongly agree). n counts those who "
             "answered.*", "",
             "| " + " | ".join(HEADERS) + " |", "|---|---|" + "---:|" * (len(HEADERS) - 2)]
    lines += ["| " + " | ".join(markdown_text(cell).replace("|", "\\|") for cell in row) + " |"
              for row in answer_rows(ratings)]
    lines.append("")
    hidden = suppressed(ratings)
    if hidden:
        lines += [f"*{_count(hidden, 'statement')} had fewer than {ratings.min_answers} answers, so "
                  f"{'its counts are' if hidden == 1 else 'their counts are'} not shown: with so few, a "
                  "count could point at a person.*", ""]
    lines += ["A statement that few people agreed with is worth raising with the group, and with any "
              "co-facilitator or public contributor who helped plan the session: these answers say "
              "how the session felt to those in it, which no rating of confidence shows.", ""]
    return lines


def answers_html(ratings) -> str:
    """The same table for the notebook page."""
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in HEADERS)
    body = "".join("<tr>" + f'<th scope="row">{html.escape(row[0])}</th>'
                   + "".join(f"<td>{html.escape(cell)}</td>" for cell in row[1:]) + "</tr>"
                   for row in answer_rows(ratings))
    caption = (f"Taking part: how far participants agreed with each statement at the end of the session "
               f"({_count(len(ratings.participants), 'participant')}; counts left out below "
               f"{ratings.min_answers} answers)")
    return table_html(caption, head, body)
