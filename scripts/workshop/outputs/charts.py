"""Charts of workshop data that every reader can use: on screen, in print and by ear.

Colours come from the Okabe-Ito palette, which stays distinct with the common kinds of
colour blindness; every series also has its own hatching and the numbers are written on the
bars, so a black-and-white print loses nothing. Each chart is an SVG with a <title> and a
<desc> that says what it shows, numbers included, and travels with a caption.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

from workshop.outputs.exercise_data import PostIts, Ratings, group_name, stage_label

# Okabe M, Ito K (2008), Color universal design: blue, orange, bluish green, reddish purple,
# sky blue, vermillion, yellow, black.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HATCHES = ("", "//", "\\\\", "xx", "--", "++", "||", "//")
CHANGE_STYLE = {  # label, colour, hatch
    "improved": ("Improved", "#0072B2", ""),
    "same": ("Same", "#F0E442", "//"),
    "declined": ("Declined", "#D55E00", "xx"),
}
FONTS = "'DejaVu Sans', 'Bitstream Vera Sans', Arial, Helvetica, sans-serif"
RC = {
    "text.parse_math": False,      # a group named $\foo$ is a name, not a formula
    "svg.fonttype": "none",        # text stays text: half the size, selectable, crisp in print
    "svg.hashsalt": "workshop",    # stable ids, so an unchanged chart gives an unchanged file
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "hatch.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True)
class Chart:
    svg: str            # a standalone SVG file, <title> and <desc> first
    title: str
    description: str    # the text alternative: what the chart shows, numbers included
    caption: str

    def inline(self, ident: str = "chart") -> str:
        """The SVG to put inside an HTML page: no XML prolog, named by its title and desc."""
        svg = re.sub(r"^.*?(?=<svg\b)", "", self.svg, flags=re.S)
        svg = svg.replace('id="chart-title"', f'id="{ident}-title"').replace('id="chart-desc"', f'id="{ident}-desc"')
        return svg.replace('aria-labelledby="chart-title chart-desc"', f'aria-labelledby="{ident}-title {ident}-desc"')

    def figure_html(self, ident: str = "chart") -> str:
        return (f'<figure class="workshop-figure">{self.inline(ident)}'
                f"<figcaption>{html.escape(self.caption)}</figcaption></figure>")

    def _repr_html_(self) -> str:
        return self.figure_html()


def _first_upper(text: str) -> str:
    """Capitalise the first letter only: the rest of a group's name keeps its case."""
    return text[:1].upper() + text[1:]


def _svg(figure, title: str, description: str) -> str:
    buffer = io.StringIO()
    # No RDF metadata block: its namespaced elements are not valid in HTML, where the chart is inlined.
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
                   bbox_inches="tight")
    svg = buffer.getvalue()
    # Two decimals of a point are finer than any screen or printer shows, and a third smaller.
    svg = re.sub(r"<[^>]+>", lambda tag: re.sub(r"(\d\.\d\d)\d+", r"\1", tag.group(0)), svg)
    svg = svg.replace("font-family: 'DejaVu Sans'", f"font-family: {FONTS}")
    svg = re.sub(r'<svg\b([^>]*?)\swidth="[^"]*"\sheight="[^"]*"', r"<svg\1", svg, count=1)
    accessible = (f'<title id="chart-title">{html.escape(title)}</title>'
                  f'<desc id="chart-desc">{html.escape(description)}</desc>')
    svg = re.sub(r"(<svg\b[^>]*?)>",
                 r'\1 role="img" aria-labelledby="chart-title chart-desc" class="workshop-chart">' + accessible,
                 svg, count=1)
    return svg


def _figure(rows: int):
    from matplotlib.figure import Figure  # imported here: reading and checking data need no plotting

    figure = Figure(figsize=(7.5, 0.5 * rows + 1.4), layout="constrained")
    return figure, figure.add_subplot()


def _bar_label(axes, x: float, y: float, text: str, inside: bool = True) -> None:
    axes.text(x, y, text, ha="center" if inside else "left", va="center", fontsize=9, color="#000000",
              bbox={"boxstyle": "round,pad=0.2", "facecolor": "#ffffff", "edgecolor": "none"} if inside else None)


def postits_chart(postits: PostIts) -> Chart:
    """Horizontal bars, one per stage in the vocabulary's order, divided by group."""
    import matplotlib

    counts, groups, stages = postits.counts(), postits.groups, postits.stages
    totals = [sum(counts[s].values()) for s in stages]
    with matplotlib.rc_context(RC):
        figure, axes = _figure(len(stages))
        positions = list(range(len(stages)))[::-1]          # first stage at the top
        left = [0] * len(stages)
        for index, group in enumerate(groups):
            values = [counts[s][group] for s in stages]
            axes.barh(positions, values, left=left, height=0.62, label=_first_upper(group_name(group)),
                      color=OKABE_ITO[index % len(OKABE_ITO)], hatch=HATCHES[index % len(HATCHES)],
                      edgecolor="#000000", linewidth=0.6)
            left = [a + b for a, b in zip(left, values)]
        for position, total in zip(positions, totals):
            _bar_label(axes, total + 0.15, position, str(total), inside=False)
        axes.set_yticks(positions, [stage_label(s) for s in stages])
        axes.set_xlabel("Number of post-it notes")
        axes.set_xlim(0, max(totals + [1]) * 1.12 + 0.5)
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncols=min(len(groups), 4), frameon=False)
        title = "Post-it notes at each stage of research, by group"
        parts = "; ".join(f"{stage_label(s).lower()} {t}" for s, t in zip(stages, totals))
        description = (f"Horizontal bar chart of {len(postits.notes)} post-it notes from "
                       f"{len(groups)} groups, one bar per stage of research. Totals: {parts}. "
                       "Each bar is divided by group; the table gives every count.")
        svg = _svg(figure, title, description)
    caption = (f"Post-it notes at each stage of research. Each bar is divided by group (colour and "
               f"hatching as in the key); the number at its end is the total for the stage.")
    return Chart(svg, title, description, caption)


def change_chart(ratings: Ratings) -> Chart:
    """Horizontal bars, one per objective: how many participants improved, stayed or declined."""
    import matplotlib

    summary = ratings.summary()
    with matplotlib.rc_context(RC):
        figure, axes = _figure(len(summary))
        positions = list(range(len(summary)))[::-1]
        left = [0] * len(summary)
        for key, (label, colour, hatch) in CHANGE_STYLE.items():
            values = [getattr(c, key) for c in summary]
            axes.barh(positions, values, left=left, height=0.62, label=label, color=colour, hatch=hatch,
                      edgecolor="#000000", linewidth=0.6)
            for position, start, value in zip(positions, left, values):
                if value:
                    _bar_label(axes, start + value / 2, position, str(value))
            left = [a + b for a, b in zip(left, values)]
        axes.set_yticks(positions, [f"{c.objective.id} {c.objective.short}" for c in summary])
        axes.set_xlabel("Number of participants")
        axes.set_xlim(0, max(left + [1]))
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncols=3, frameon=False)
        title = "Change in confidence on each learning objective"
        parts = "; ".join(f"{c.objective.id}: {c.improved} improved, {c.same} same, {c.declined} declined"
                          for c in summary)
        description = (f"Horizontal bar chart, one bar per learning objective, of the "
                       f"{len(ratings.participants)} participants' change in self-rated confidence "
                       f"from before to after the session. {parts}.")
        svg = _svg(figure, title, description)
    caption = ("How many participants rated their confidence higher (improved), the same or lower "
               "(declined) after the session than before, for each learning objective. Colour and "
               "hatching mark the three groups; the numbers are counts of participants.")
    return Chart(svg, title, description, caption)
