"""Every rule the site checker applies, as data: a message template and a fix-it hint.

Rules live here and nowhere else, so that the command line, the build hook and the
tests all speak with one voice. Messages are formatted with the values a check supplies.

A rule that encodes a design choice a workshop may not share (the equal split of time, a figure in
every presentation block) is switchable: extra.rules in mkdocs.yml may switch it off
(`rules: {agenda-unbalanced: false}`), and its schema lists exactly the switchable rules.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    message: str
    hint: str
    switchable: bool = False      # extra.rules may switch it off


RULES: dict[str, Rule] = {
    # Reading files
    "file-unreadable": Rule(
        "cannot read the file: {reason}",
        "Check that the file exists and that you have permission to read it.",
    ),
    "file-too-large": Rule(
        "the file is not read: {reason}",
        "No page, data file or CSV a person writes is this large: check that the right file was "
        "named, or split it into smaller files.",
    ),
    "file-encoding": Rule(
        "the file is not valid UTF-8 (byte {byte} at offset {offset})",
        "Save the file as UTF-8 (in most editors: 'Save with encoding', then UTF-8).",
    ),
    "file-bom": Rule(
        "the file starts with a byte-order mark",
        "Save the file as UTF-8 without BOM; the mark hides the front matter from MkDocs.",
    ),
    "file-empty": Rule(
        "the file is empty",
        "Write the page, starting with front matter (see CONTRIBUTING.md), or remove the file.",
    ),
    "page-limit": Rule(
        "{reason}; the page is not checked or converted, and the site shows a notice in its place",
        "Split the page into smaller pages, or remove the repeated markup. The limits keep the site's "
        "Markdown converter from running for hours or failing; real pages stay far below them.",
    ),
    # Front matter
    "front-matter-missing": Rule(
        "the page has no front matter",
        "Start the page with a block between two '---' lines holding at least 'kind:' and "
        "'objectives:' (see CONTRIBUTING.md).",
    ),
    "front-matter-unclosed": Rule(
        "the front matter opened on line 1 is never closed",
        "End the front matter with a line holding only '---'.",
    ),
    "front-matter-tab": Rule(
        "the front matter contains a tab character",
        "YAML does not allow tabs for indentation: replace the tab with spaces.",
    ),
    "front-matter-yaml": Rule(
        "the front matter is not valid YAML: {reason}",
        "Check the indentation and quote values that contain a colon, e.g. title: \"Push: pull\".",
    ),
    "front-matter-not-mapping": Rule(
        "the front matter must be a set of 'key: value' lines, not {found}",
        "Write each setting on its own line as 'key: value'.",
    ),
    "front-matter-unknown-key": Rule(
        "unknown front matter key '{key}'{suggestion}",
        "Allowed keys: {allowed}. Remove the key or correct its spelling.",
    ),
    "kind-missing": Rule(
        "the page does not declare its kind",
        "Add 'kind:' with one of the kinds listed under extra.kinds in mkdocs.yml.",
    ),
    "kind-unknown": Rule(
        "unknown kind '{kind}'; known kinds: {known}",
        "Use one of the kinds listed under extra.kinds in mkdocs.yml, or add a new kind there.",
    ),
    "kind-requires": Rule(
        "a page of kind '{kind}' must declare '{key}'",
        "Add '{key}:' to the front matter (see CONTRIBUTING.md for its meaning).",
    ),
    "objectives-missing": Rule(
        "the page does not declare which learning objectives it serves",
        "Add 'objectives: [LO1]' (one or more ids from extra.objectives in mkdocs.yml).",
    ),
    "objectives-not-list": Rule(
        "'objectives' must be a list, not {found}",
        "Write the ids as a list in square brackets, e.g. objectives: [LO1, LO3].",
    ),
    "objectives-empty": Rule(
        "'objectives' is an empty list",
        "Name at least one learning objective the page serves, e.g. objectives: [LO2].",
    ),
    "objective-unknown": Rule(
        "unknown learning objective '{objective}'; known: {known}",
        "Use an id defined under extra.objectives in mkdocs.yml.",
    ),
    "objective-repeated": Rule(
        "learning objective '{objective}' is listed more than once",
        "List each objective once.",
    ),
    "value-invalid": Rule(
        "'{key}' must be {expected}, not {found}",
        "Correct the value of '{key}' in the front matter.",
    ),
    # Navigation
    "not-in-nav": Rule(
        "the page is not in the site navigation",
        "Add the page to 'nav' in mkdocs.yml (make page does this for you), or remove the file.",
    ),
    "nav-missing-file": Rule(
        "the navigation lists '{target}', which does not exist",
        "Create the page, correct the path in 'nav', or remove the entry.",
    ),
    # Coverage of objectives across the site
    "objective-unserved": Rule(
        "learning objective {objective} is not served by any page",
        "Declare {objective} on the pages that teach it, or remove it from extra.objectives.",
    ),
    "objective-no-activity": Rule(
        "learning objective {objective} is not served by any interactive activity ({kinds})",
        "Add {objective} to an exercise or handout that gives participants practice in it.",
    ),
    # Content evidence
    "evidence-missing": Rule(
        "{objective} is declared, but the text gives too little evidence for it: {found}; "
        "not found: {missing}",
        "Write about what {objective} asks, using its key concepts, or remove {objective} from "
        "'objectives'. The key concepts are listed under extra.objectives in mkdocs.yml.",
    ),
    "evidence-mismatch": Rule(
        "the text matches {better} ({better_count} key concepts: {better_terms}) far better than "
        "the objectives it declares ({declared_count} at most)",
        "Add {better} to 'objectives' if the page serves it, or revise the text.",
    ),
    # Configuration
    "config-objective-invalid": Rule(
        "{reason}",
        "Each objective needs 'id' (e.g. LO1), 'statement' (a sentence) and 'concepts' "
        "(a list of key terms); optional: 'short' and 'plain' (the objective in everyday words).",
    ),
    "config-objective-duplicate": Rule(
        "objective id '{objective}' is defined more than once",
        "Give each objective a unique id.",
    ),
    "objective-verb-refused": Rule(
        "the statement of {objective} begins with '{verb}', which cannot be observed",
        "Begin with an observable verb such as describe, explain, compare, classify, analyse "
        "or design; avoid understand, know, appreciate and learn about.",
    ),
    "objective-verb-unknown": Rule(
        "the statement of {objective} begins with '{verb}', which is not a recognised "
        "observable verb",
        "Begin with an observable verb (the list is in scripts/workshop/model/verbs.py), or add "
        "your verb to extra.alignment.extra_verbs in mkdocs.yml.",
    ),
    "config-invalid": Rule(
        "{reason}",
        "Correct mkdocs.yml; see the comments in it and the README.",
    ),
    # Citations and bibliography
    "citation-unknown": Rule(
        "unknown citation key '{key}'{suggestion}",
        "Cite a key from data/bibliography.yaml, or add the source there after checking it "
        "against a public record.",
    ),
    "bibliography-invalid": Rule(
        "{reason}",
        "Each entry needs key, type, authors, year, title and venue; doi without the "
        "https://doi.org/ prefix; url starting with https://.",
    ),
    "bibliography-duplicate": Rule(
        "bibliography key '{key}' appears more than once",
        "Keep one entry per key.",
    ),
    # Glossary
    "abbreviation-undefined": Rule(
        "the abbreviation '{abbr}' is used but not defined in the glossary",
        "Add it to data/glossary.yaml (term, abbr, definition), or add it to "
        "not_abbreviations there if it is not an abbreviation.",
    ),
    "glossary-unused": Rule(
        "the glossary defines '{term}', which no page uses",
        "Remove the entry from data/glossary.yaml, or use the term in a page.",
    ),
    "glossary-invalid": Rule(
        "{reason}",
        "Each entry needs 'term' and 'definition'; 'abbr' and 'see' are optional.",
    ),
    # Writing
    "placeholder-text": Rule(
        "placeholder text '{text}' would reach a reader",
        "Write the real text, or remove the line.",
    ),
    "image-alt-missing": Rule(
        "an image has no alternative text",
        "Describe what the image shows: ![A ladder with eight rungs](img/ladder.svg).",
    ),
    "svg-title-missing": Rule(
        "the SVG figure has no <title> element",
        "Add <title> (and ideally <desc>) as the first children of <svg>, and role=\"img\".",
    ),
    "heading-skip": Rule(
        "the heading '{heading}' jumps from level {previous} to level {level}",
        "Use a level-{expected} heading here ({hashes}), so that screen-reader users can follow "
        "the page's outline.",
    ),
    "marker-unknown": Rule(
        "unknown insertion marker '{name}'; known: {known}",
        "Use one of the known markers, e.g. <!-- workshop:timetable -->.",
    ),
    # Case studies
    "case-section-missing": Rule(
        "the case study lacks the section '## {section}'",
        "Case studies follow the case-study template (the project's templates/case-study.md, else the "
        "engine's own): add the section, in the template's order.",
    ),
    "case-section-order": Rule(
        "the section '## {section}' is out of order; expected order: {order}",
        "Move the section so that the headings follow the case-study template.",
    ),
    "case-section-empty": Rule(
        "the section '## {section}' is empty",
        "Write the section; the guidance comments of the template are not shown to readers.",
    ),
    "case-vocabulary": Rule(
        "case.{facet} has '{value}', which is not in the vocabulary ({known})",
        "Use values from extra.vocabulary.{facet} in mkdocs.yml, or add the value there.",
    ),
    "case-facet-missing": Rule(
        "case.{facet} is missing or empty",
        "Classify the case with at least one value from extra.vocabulary.{facet}.",
    ),
    "case-too-few-sources": Rule(
        "the case study cites {count} source(s); at least two are required",
        "Cite at least two sources from data/bibliography.yaml as [@key].",
    ),
    # Agenda
    "agenda-invalid": Rule(
        "{reason}",
        "See the comments at the top of data/agenda.yaml for the format of a block.",
    ),
    "agenda-unbalanced": Rule(
        "{first} time ({a} min) and {second} time ({b} min) are not equal{neither}",
        "The workshop splits its time equally (extra.balance in mkdocs.yml): move {diff} min from {more} "
        "to {less} blocks. Blocks of mode break or housekeeping count in neither. A workshop that does not "
        "split its time so can switch the rule off: 'agenda-unbalanced: false' under extra.rules.",
        switchable=True,
    ),
    "agenda-block-overrun": Rule(
        "block '{block}' has {minutes} min but needs {needed}: {words} words read aloud at {rate} a minute "
        "({read} min){rules} and {steps} min of timed steps",
        "Read less aloud (leave the detail on the slides, handouts or table cards), shorten or drop a step, "
        "or give the block more minutes and take them from a block of the same mode, so that the balance "
        "holds; the pace is extra.timing.words_per_minute in mkdocs.yml.",
    ),
    "agenda-length": Rule(
        "the blocks add up to {total} min, but the session is {session} min",
        "Change the blocks' minutes, or extra.workshop.session_minutes in mkdocs.yml.",
    ),
    "agenda-objective-no-time": Rule(
        "learning objective {objective} has no time in the session plan",
        "Add {objective} to the objectives of a block that gives time to it.",
    ),
    "agenda-page-unknown": Rule(
        "block '{block}' names the page '{page}', which is not in the site",
        "Use a path as written in the nav of mkdocs.yml, e.g. learn/first-page.md.",
    ),
    "handout-unknown": Rule(
        "'{text}' names a handout that the navigation does not number (it numbers {known})",
        "Handouts are numbered by their titles in the nav of mkdocs.yml ('Handout N: Title'): use the "
        "number the navigation gives the handout you mean, or add the handout there.",
    ),
    "handout-mismatch": Rule(
        "'{text}' does not match the navigation: {reason}",
        "Use the number and title that the nav of mkdocs.yml gives the handout ('Handout N: Title'); "
        "after renumbering handouts, search the pages and data/*.yaml for 'Handout'.",
    ),
    "scenario-unknown": Rule(
        "{what} names scenario card '{card}', which {handout} does not have (it has {known})",
        "Name a scenario card that the scenario-cards handout has ('## Scenario X: ...' headings), or add "
        "the card there.",
    ),
    "agenda-material-unknown": Rule(
        "block '{block}' needs '{material}', which is not in extra.materials ({known})",
        "Use a key of extra.materials in mkdocs.yml, or add the material there.",
    ),
    # Printed handouts
    "handout-over-budget": Rule(
        "the handout prints on {pages} pages of {paper}, {over} {more} more than its {key} "
        "of {budget}",
        "Shorten the handout, move part of it to another handout, or raise {raise_key} if the "
        "extra {more} is wanted; 'make handouts' prints it again and gives each page count.",
    ),
    "handout-type-too-small": Rule(
        "in {paper}, the handout prints text at {size} pt, under the {floor} pt of large print, "
        "on page {page}: '{sample}'",
        "Large print sets every text at {floor} pt or more (the html.large-print rules of the engine's "
        "print.css): remove a size written into the page, or give its element a large-print size in a "
        "stylesheet of your own (extra_css); 'make handouts' with --large-print measures it again.",
    ),
    # Workshop data: the CSV files typed up after the session (post-its, self-assessment).
    # Their "line" is the row as a spreadsheet numbers it, the header being row 1.
    "handout-last-page-nearly-empty": Rule(
        "the handout's last page of {paper} (page {pages}) is nearly empty: its content uses {used} % "
        "of the page's height, less than the {least} % a last page should use",
        "Shorten the handout by a few lines so that it ends a page earlier (a smaller box, a shorter "
        "paragraph), or give the last page enough to be worth a sheet; 'make handouts' measures it again.",
    ),
    # The session deck (make slides)
    "slides-over-budget": Rule(
        "block '{block}' ({minutes} minutes, didactic) has {count} content slides; the budget allows "
        "{allowed} (extra.slides.slides_per_minute: {rate})",
        "Merge or drop slides of this block in data/slides.yaml, move detail into their 'notes', or give "
        "the block more minutes in data/agenda.yaml.",
    ),
    "slides-too-many-words": Rule(
        "slide '{title}' has {count} words of body text; the budget allows {allowed} (extra.slides.max_words)",
        "Keep one idea per slide: shorten its points and move the detail into its 'notes'.",
    ),
    "slides-no-figure": Rule(
        "didactic block '{block}' shows neither a figure nor a case vignette",
        "Give one of its slides in data/slides.yaml a 'figure:' (an image under docs/) or "
        "'vignette: true' with a short case from one of the block's pages; or switch the rule off "
        "with 'slides-no-figure: false' under extra.rules in mkdocs.yml.",
        switchable=True,
    ),
    "slides-cut-text": Rule(
        "slide '{title}' shows a shortened sentence ('{mark}')",
        "Write every point as a whole sentence or phrase; never cut one off with an ellipsis.",
    ),
    "slides-source": Rule(
        "slide '{title}': {reason}",
        "A slide summarises one page that its block names (data/agenda.yaml 'pages'), and its "
        "'sources' are keys that page cites; see data/slides.yaml's header.",
    ),
    "slides-data-invalid": Rule(
        "{reason}",
        "Follow the layout described at the top of data/slides.yaml.",
    ),
    "slides-block-missing": Rule(
        "block '{block}' has no slides in data/slides.yaml; the deck shows its divider {shown}",
        "Add an entry for the block under 'blocks:' in data/slides.yaml.",
    ),
    "slides-overflow": Rule(
        "slide '{title}' does not fit: {reason}",
        "Shorten the slide's text (or its title or sources) until it fits at the budget's smallest type.",
    ),
    "slides-rules-missing": Rule(
        "{reason}; the deck shows no ground rules",
        "Add 'ground_rules' (a list of title and text) and 'rules_block' to data/session.yaml.",
    ),
    "data-file-empty": Rule(
        "the file is empty",
        "Save the spreadsheet as CSV again: its first row names the columns, and each row "
        "below it holds one record.",
    ),
    "data-encoding": Rule(
        "the file is not valid UTF-8 (byte {byte} at offset {offset})",
        "Save it again as UTF-8: in Excel choose 'CSV UTF-8 (Comma delimited)'; in LibreOffice "
        "tick 'Edit filter settings' and choose 'Unicode (UTF-8)'.",
    ),
    "data-column-missing": Rule(
        "column '{column}': the column is missing{found}",
        "The first row must name the columns {expected}, spelt exactly so (see the notebook page).",
    ),
    "data-column-repeated": Rule(
        "column '{column}': the header names this column more than once",
        "Keep one column of each name; delete or rename the copy.",
    ),
    "data-no-rows": Rule(
        "the file has a header but no rows of data",
        "Type one row per {row_is} under the header, then save the file as CSV again.",
    ),
    "summary-missing": Rule(
        "the page has no plain-language summary ('In brief')",
        "Open the page with  !!! summary \"In brief\"  and an indented paragraph of at most 120 plain words "
        "for a general adult reader (see CONTRIBUTING.md).",
    ),
    "summary-too-long": Rule(
        "the 'In brief' summary has {words} words; the limit is {limit}",
        "Keep one idea a sentence and leave the detail to the page (limit: extra.readability.words in mkdocs.yml).",
    ),
    "summary-hard-to-read": Rule(
        "the 'In brief' summary has a reading ease of {ease}; it should be at least {limit}",
        "Use shorter sentences and everyday words, and spell out abbreviations "
        "(limit: extra.readability.reading_ease in mkdocs.yml).",
    ),
    "objective-plain-hard-to-read": Rule(
        "the plain wording of {objective} has a reading ease of {ease}; it should be at least {limit}",
        "Participants rate themselves against it: say what they will be able to do in short, "
        "everyday words, beginning 'I can' (limit: extra.readability.reading_ease in mkdocs.yml).",
    ),
    "page-hard-to-read": Rule(
        "this page is written for a general reader but has a reading ease of {ease}; it should be at least {limit}",
        "Use shorter sentences and everyday words, and spell out abbreviations "
        "(the page is listed in extra.readability.plain_pages in mkdocs.yml).",
    ),
    "glossary-plain-missing": Rule(
        "the term '{term}' has no plain definition ('plain:')",
        "Add  plain:  to the entry: a sentence or two in everyday words for a general reader (the "
        "glossary must give one for every term: extra.readability.plain_glossary in mkdocs.yml).",
    ),
    "glossary-plain-hard-to-read": Rule(
        "the plain definition of '{term}' has a reading ease of {ease}; it should be at least {limit}",
        "Use shorter sentences and everyday words, and spell out abbreviations "
        "(limit: extra.readability.reading_ease in mkdocs.yml).",
    ),
    "symlink-outside": Rule(
        "this is a link to {target}, outside the project; it is not read or published",
        "Copy the file into the project instead of linking to it, or remove the link: the site "
        "publishes only what the repository holds.",
    ),
    "file-name-encoding": Rule(
        "the file's name is not UTF-8 text; it is not read or published",
        "Rename the file (letters, digits and hyphens are safest): a web address cannot hold a byte "
        "that is not UTF-8.",
    ),
    "special-file": Rule(
        "this is {kind}, not a file; it is not read or published",
        "Remove it, or replace it with an ordinary file: the site publishes only files the "
        "repository holds (a named pipe would keep the build waiting for ever).",
    ),
    "symlink-loop": Rule(
        "this link to {target} leads back into its own folder (a loop); it is not followed",
        "Remove the link (for example: rm path/to/link); a folder cannot contain itself.",
    ),
    "data-nul": Rule(
        "the file holds a NUL byte (a character with code 0)",
        "The file is probably not a CSV file, or was damaged: save it again from the spreadsheet as CSV (UTF-8).",
    ),
    "data-csv": Rule(
        "the CSV cannot be read: {reason}",
        "Open the file in a spreadsheet, check this row, and save it again as CSV (UTF-8).",
    ),
    "data-cells": Rule(
        "the row has {found} cells but the header names {expected} columns",
        "A comma inside a note splits it into two cells: put that note in double quotes, as "
        "spreadsheets do when they save CSV, or remove the stray cells.",
    ),
    "data-value-missing": Rule(
        "column '{column}': the cell is empty",
        "Fill in the cell, or delete the row if it is not a {row_is}.",
    ),
    "data-stage-unknown": Rule(
        "column 'stage': '{value}' is not a stage{suggestion}; use one of {known}",
        "Stages are the six columns of the flip chart, listed under extra.vocabulary.stages in "
        "mkdocs.yml; a step that spans two stages goes where it starts.",
    ),
    "data-kind-unknown": Rule(
        "column 'kind': '{value}' is neither step nor tension{suggestion}",
        "Write 'step' for a practical step and 'tension' for a tension or compromise the group "
        "recorded, or leave the cell empty for a step.",
    ),
    "data-order-invalid": Rule(
        "column 'order': '{value}' is not a place in the group's order",
        "Write the step's number on the worksheet (1, 2, 3 ...), or the word 'compromise' on the "
        "row that holds the group's named compromise.",
    ),
    "data-order-repeated": Rule(
        "column 'order': group '{group}' already has a row {value} (row {first})",
        "Each group's worksheet numbers its steps once each: correct the number, or merge the two rows.",
    ),
    "data-flag-invalid": Rule(
        "column '{column}': '{value}' is not yes or no",
        "Write 'yes' (or a star, *) for a step the group marked as one it could not do without; "
        "leave the cell empty or write 'no' otherwise.",
    ),
    "data-rating-invalid": Rule(
        "column '{column}': '{value}' is not a rating; use a whole number from {low} to {high}",
        "Ratings run from {low} (not at all confident) to {high} (very confident); leave the cell "
        "empty if the participant did not answer.",
    ),
    "data-rating-range": Rule(
        "column '{column}': {value} is outside the scale; use a whole number from {low} to {high}",
        "Ratings run from {low} (not at all confident) to {high} (very confident); check the "
        "paper form and correct the cell.",
    ),
    "data-answer-invalid": Rule(
        "column '{column}': '{value}' is not an answer; use a whole number from {low} to {high}",
        "Answers run from {low} (strongly disagree) to {high} (strongly agree); leave the cell "
        "empty if the participant did not answer.",
    ),
    "data-participant-repeated": Rule(
        "column 'participant': '{value}' is also the code of row {first}",
        "Each participant has one row holding both their before and after ratings; merge the "
        "two rows or correct the code.",
    ),
    "output-protected": Rule(
        "not written: {reason}",
        "Choose another output file (OUT=... with make, --output with the script), or move the "
        "existing file away first.",
    ),
    # Notebooks
    "notebook-invalid": Rule(
        "the notebook cannot be read: {reason}",
        "Open and save the notebook in Jupyter, which repairs its structure.",
    ),
    "notebook-metadata-missing": Rule(
        "the notebook has no 'workshop' metadata",
        "Add metadata {{\"workshop\": {{\"kind\": \"notebook\", \"objectives\": [\"LO4\"]}}}} "
        "to the notebook (Jupyter: Edit > Edit Notebook Metadata).",
    ),
    "notebook-outputs": Rule(
        "cell {cell} of the notebook carries outputs",
        "Commit notebooks without outputs: run 'make strip-notebooks' (outputs are made at build).",
    ),
    "notebook-error": Rule(
        "cell {cell} stopped the notebook{at}: {error}",
        "The build runs each notebook from its own folder; open it in Jupyter, run it from the top, "
        "fix the cell or its data, and build again.",
    ),
    "notebook-image-unlabelled": Rule(
        "cell {cell} shows an image ({mime}) with no text alternative",
        "Show charts as workshop.outputs.charts does (an SVG with a title and description), or give "
        "the image an 'alt' in its display metadata.",
    ),
    # Slides
    "slides-template-missing": Rule(
        "the slides template '{template}' (extra.workshop.slides_template) does not exist",
        "Give the path of a .pptx file relative to the folder of mkdocs.yml, or leave the value "
        "empty (\"\") to use the built-in design.",
    ),
    "slides-template-unusable": Rule(
        "the slides template '{template}' cannot be used: {reason}",
        "Save the template from PowerPoint as a .pptx or .potx file whose slide master "
        "has a layout with a title and a text placeholder, or leave slides_template empty.",
    ),
    "slides-template-layout": Rule(
        "{note}",
        "Add the missing layout to the template's slide master (View > Slide Master), or accept "
        "the replacement.",
    ),
    "slides-colour": Rule(
        "{note}",
        "The deck takes its colour from extra.slides.colour, or from theme.palette's primary colour when it is "
        "one of Material's named colours; 'make slides' then picks white or near-black titles that reach 4.5:1.",
    ),
    "slides-figure-text-small": Rule(
        "slide '{title}': the figure '{figure}' sets text at {size} pt as placed ('{text}'), under the "
        "{floor} pt the deck allows inside figures (extra.slides.min_figure_pt)",
        "{advice}, or give the slide fewer points so that the figure is placed larger.",
    ),
    "slides-figure": Rule(
        "{message}",
        "Check that the image file exists; SVG figures need CairoSVG and Debian's libcairo2 "
        "(make system installs it).",
    ),
    # Session: ground rules, confidentiality and the sharing formats (data/session.yaml)
    "session-invalid": Rule(
        "{reason}",
        "See the comments at the top of data/session.yaml for the format of each section.",
    ),
    "session-section-missing": Rule(
        "the marker '{marker}' shows nothing: {source} has no {section}",
        "Add {section} to {source} (the comments at its top describe each section), or remove the "
        "marker from the page.",
    ),
    "sharing-format-overrun": Rule(
        "sharing format '{format}' cannot fit its {minutes}-minute slot{slot}: even a group of {people} "
        "needs {needed} min ({each} min a speaker, and {fixed} min to set up, move and pass on a lesson)",
        "Give each speaker fewer minutes (minutes_each, questions_each), shorten setup, round or harvest "
        "in data/session.yaml, or give the slot more minutes in data/agenda.yaml and keep didactic and "
        "interactive time equal.",
    ),
    "ground-rules-late": Rule(
        "the ground rules are read in block '{block}' ({start}), after the interactive block '{first}' "
        "({first_start}), where participants already talk about their own work",
        "State the ground rules and the limits of confidentiality before any activity: name the first "
        "block in rules_block in data/session.yaml, or move that block earlier in data/agenda.yaml.",
    ),
}
