"""References exported from a reference manager (Zotero, EndNote, Mendeley), read as entries of
the site's bibliography.

Two formats: BibTeX (read with bibtexparser 2, which gives each entry's line, and pylatexenc for
accents and braces) and CSL-JSON (Zotero's "CSL JSON" export, read with json). Each entry keeps its
key and is mapped to the fields of the bibliography's schema (workshop/schemas/bibliography.schema.json): type, authors ("Family,
Given"), year, title, venue, volume, issue, pages, doi, url. An entry that lacks what the
bibliography needs, or has a key or DOI it cannot use, is not guessed at: it is returned as
`Unusable`, with its line and a hint, and the others are read all the same.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from workshop.model.schema import schema


def _pattern(field: str) -> re.Pattern:
    """The bibliography schema's own pattern for a field: the one definition of a usable value."""
    return re.compile(schema("bibliography")["items"]["properties"][field]["pattern"])


KEY_TEXT, DOI, SAFE_URL = _pattern("key"), _pattern("doi"), _pattern("url")

BIBTEX_TYPES = {
    "article": "article", "periodical": "article",
    "book": "book", "mvbook": "book", "booklet": "book", "collection": "book", "proceedings": "book",
    "incollection": "chapter", "inbook": "chapter", "inproceedings": "chapter", "conference": "chapter",
    "techreport": "report", "report": "report", "phdthesis": "report", "mastersthesis": "report",
    "thesis": "report", "manual": "report", "unpublished": "report",
    "online": "web", "electronic": "web", "www": "web", "webpage": "web",
    "misc": "misc",   # a web page when it has an address, else a report
}
CSL_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "article": "article", "review": "article", "review-book": "article",
    "book": "book", "chapter": "chapter", "paper-conference": "chapter", "entry-encyclopedia": "chapter",
    "entry-dictionary": "chapter", "report": "report", "thesis": "report", "manuscript": "report",
    "webpage": "web", "post": "web", "post-weblog": "web", "document": "misc",
}
HINT = ("complete the entry in your reference manager and export it again, or write it into "
        "data/bibliography.yaml by hand")


@dataclass
class Candidate:
    """An entry ready for the bibliography, and the line of the export it came from."""
    key: str
    fields: dict[str, object]
    line: int
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Unusable:
    line: int
    key: str
    reason: str
    hint: str = HINT


@dataclass
class Export:
    candidates: list[Candidate] = field(default_factory=list)
    unusable: list[Unusable] = field(default_factory=list)


class ExportError(Exception):
    """The file cannot be read at all; the message names the line where that is known."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def read_export(path: Path, text: str) -> Export:
    """The entries of a BibTeX (.bib) or CSL-JSON (.json) export."""
    if path.suffix.lower() == ".json" or (path.suffix.lower() != ".bib" and text.lstrip()[:1] in "[{"):
        return read_csl_json(text)
    return read_bibtex(text)


# ---------------------------------------------------------------- shared

def _latex(text: str) -> str:
    """LaTeX markup (accents, braces, \\&, --) as the text it stands for."""
    from pylatexenc.latex2text import LatexNodes2Text

    if not any(c in text for c in "\\{}$~"):
        return " ".join(text.replace("---", "—").replace("--", "–").split())
    try:
        decoded = LatexNodes2Text(math_mode="verbatim").latex_to_text(text)
    except Exception:          # pylatexenc raises several kinds of error on broken markup
        decoded = text.replace("{", "").replace("}", "")
    decoded = " ".join(decoded.split())
    return decoded[1:-1] if re.fullmatch(r"<\S+>", decoded) else decoded   # \url{...} gives <...>


def _pages(text: str) -> str:
    return re.sub(r"\s*(?:–|—|-{1,3})\s*", "-", text.strip())


def _host(url: str) -> str:
    """The site of a web page, as its venue when the export names no publisher: www.example.org."""
    found = re.match(r"^https?://([^/\s:?#]+)", url or "")
    return found.group(1) if found else ""


def _doi(text: str) -> str:
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text.strip(), flags=re.I)


def _finish(key: str, line: int, kind: str, authors: list[str], year: str, title: str, venue: str,
            extra: dict[str, str], url: str) -> Candidate | Unusable:
    """Check what the bibliography requires and assemble the entry in the bibliography's order."""
    if not KEY_TEXT.fullmatch(key or ""):
        return Unusable(line, key or "(no key)", "its key is not one word of letters, digits and . : - _",
                        "give the entry a citation key such as smith2020partnerships in your reference manager")
    if kind == "misc":
        kind = "web" if url else "report"
    if kind not in ("article", "book", "chapter", "report", "web"):
        return Unusable(line, key, f"its type is not one the bibliography knows ({kind})",
                        "change its item type to a journal article, book, chapter, report or web page")
    match = re.search(r"\b(1[5-9]\d\d|20\d\d|2100)\b", year or "")
    missing = [name for name, value in (("authors", authors), ("year", match), ("title", title), ("venue", venue))
               if not value]
    if missing:
        return Unusable(line, key, f"it has no {', '.join(missing)}" +
                        (" (the venue is the journal, the publisher or the site)" if "venue" in missing else ""))
    notes = []
    doi = _doi(extra.pop("doi", "") or "")
    if doi and not DOI.match(doi):
        return Unusable(line, key, f"its DOI is not well formed: {doi!r}",
                        "correct the DOI (10.xxxx/...) in your reference manager, or remove it")
    if url and not SAFE_URL.match(url):
        notes.append(f"its address was left out: only https:// addresses are linked ({url[:80]})")
        url = ""
    fields: dict[str, object] = {"type": kind, "authors": authors, "year": int(match.group(1)),
                                 "title": title.rstrip("."), "venue": venue}
    for name in ("volume", "issue", "pages"):
        if extra.get(name):
            fields[name] = extra[name]
    if doi:
        fields["doi"] = doi
    if url or doi:
        fields["url"] = url or f"https://doi.org/{doi}"
    return Candidate(key, fields, line, notes)


# ---------------------------------------------------------------- BibTeX

def _person(parts) -> str:
    """'Family, Given' (a particle such as 'van' stays with the family name); an organisation,
    written in braces in BibTeX, stays whole."""
    family = _latex(" ".join([*parts.von, *parts.last]))
    given = _latex(" ".join([*parts.first, *parts.jr]))
    return f"{family}, {given}" if given else family


def read_bibtex(text: str) -> Export:
    import bibtexparser
    from bibtexparser import middlewares

    log = logging.getLogger("bibtexparser")
    level, log.level = log.level, logging.CRITICAL      # its own report of a broken block is replaced by ours
    try:
        library = bibtexparser.parse_string(text, append_middleware=[
            middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
    finally:
        log.setLevel(level)
    export = Export()
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        key = re.match(r"\s*@\w+\s*[{(]\s*([^,\s]*)", block.raw or "")
        name = key.group(1) if key else "(unknown key)"
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            export.unusable.append(Unusable(line, name, "its key is used by an earlier entry of the file",
                                            "give each entry its own key in your reference manager"))
        else:
            export.unusable.append(Unusable(line, name, "this entry could not be read: a brace, quote or "
                                            "comma is missing before the next entry",
                                            "look for an unclosed { or \" in this entry, or export it again"))
    for entry in library.entries:
        line = (entry.start_line or 0) + 1
        values = {name.lower(): f.value for name, f in entry.fields_dict.items()}

        def text_of(*names: str) -> str:
            for name in names:
                value = values.get(name)
                if isinstance(value, str) and value.strip():
                    return _latex(value)
            return ""

        people = values.get("author") or values.get("editor") or []
        authors = [_person(p) for p in people if not isinstance(p, str)] if isinstance(people, list) else []
        kind = BIBTEX_TYPES.get(entry.entry_type.lower(), entry.entry_type.lower())
        url = text_of("url")
        if not url and re.match(r"^https?://\S+$", text_of("howpublished")):
            url = text_of("howpublished")
        place, publisher = text_of("address", "location"), text_of("publisher", "institution", "school", "organization")
        if kind in ("article",):
            venue = text_of("journal", "journaltitle")
        elif kind == "chapter":
            venue = text_of("booktitle")
        elif kind == "web" or (kind == "misc" and url):
            venue = text_of("organization", "publisher", "institution") or \
                (text_of("howpublished") if not re.match(r"^https?://", text_of("howpublished")) else "") or \
                _host(url)
        else:
            venue = f"{place}: {publisher}" if place and publisher else publisher or text_of("howpublished")
        extra = {"volume": text_of("volume"), "issue": text_of("number", "issue"),
                 "pages": _pages(text_of("pages")), "doi": text_of("doi")}
        export_item = _finish(entry.key, line, kind, authors, text_of("year", "date"), text_of("title"),
                              venue, extra, url)
        (export.candidates if isinstance(export_item, Candidate) else export.unusable).append(export_item)
    export.unusable.sort(key=lambda u: u.line)
    return export


# ---------------------------------------------------------------- CSL-JSON

def _items_with_lines(text: str) -> list[tuple[object, int]]:
    """The items of a CSL-JSON array, each with the line where it starts."""
    decoder = json.JSONDecoder()
    start = len(text) - len(text.lstrip())
    try:
        if text[start:start + 1] != "[":
            data, _ = decoder.raw_decode(text, start)
            if isinstance(data, dict) and isinstance(data.get("items"), list):
                return [(item, 1) for item in data["items"]]
            raise ExportError(1, "a CSL-JSON export is a list of items: [ {...}, {...} ]")
        items, position = [], start + 1
        while True:
            while position < len(text) and text[position] in " \t\r\n,":
                position += 1
            if position >= len(text):
                raise ExportError(text.count("\n") + 1, "the list of items is not closed with ]")
            if text[position] == "]":
                return items
            item, end = decoder.raw_decode(text, position)
            items.append((item, text.count("\n", 0, position) + 1))
            position = end
    except json.JSONDecodeError as error:
        raise ExportError(error.lineno, f"not valid JSON: {error.msg} (column {error.colno})") from None


_SMALL_WORDS = {"a", "an", "the", "on", "of", "in", "and", "for", "to", "with", "what", "how", "why"}


def made_key(author: str, year: str, title: str) -> str:
    """A key in the bibliography's style, smith2020partnerships: family name, year, first word of the title
    that is not a small word, in plain lower-case letters."""
    import unicodedata

    def plain(text: str) -> str:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]", "", text.lower())

    family = plain(author.split(",")[0])
    words = [plain(w) for w in title.split()]
    word = next((w for w in words if w and w not in _SMALL_WORDS), words[0] if words else "")
    found = re.search(r"\d{4}", year or "")
    return f"{family or 'anon'}{found.group(0) if found else ''}{word}"


def _csl_people(people: object) -> list[str]:
    names = []
    for person in people if isinstance(people, list) else []:
        if not isinstance(person, dict):
            continue
        family = " ".join(str(person.get(k, "")).strip() for k in ("non-dropping-particle", "family") if person.get(k))
        given = str(person.get("given", "")).strip()
        literal = str(person.get("literal", "")).strip()
        if family:
            names.append(f"{family}, {given}" if given else family)
        elif literal:
            names.append(literal)
    return names


def _csl_year(issued: object) -> str:
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return str(parts[0][0])
        return str(issued.get("raw") or issued.get("literal") or "")
    return str(issued or "")


def read_csl_json(text: str) -> Export:
    export = Export()
    for item, line in _items_with_lines(text):
        if not isinstance(item, dict):
            export.unusable.append(Unusable(line, "(no key)", "this item is not a set of fields"))
            continue

        def text_of(*names: str) -> str:
            for name in names:
                value = item.get(name)
                if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
                    return " ".join(str(value).split())
            return ""

        kind = CSL_TYPES.get(text_of("type"), text_of("type") or "(none)")
        authors = _csl_people(item.get("author")) or _csl_people(item.get("editor"))
        place, publisher = text_of("publisher-place"), text_of("publisher")
        if kind in ("article", "chapter"):
            venue = text_of("container-title")
        elif kind == "web":
            venue = text_of("container-title", "publisher") or _host(text_of("URL", "url"))
        else:
            venue = f"{place}: {publisher}" if place and publisher else publisher or text_of("container-title")
        extra = {"volume": text_of("volume"), "issue": text_of("issue"), "pages": _pages(text_of("page")),
                 "doi": text_of("DOI", "doi")}
        key, notes = text_of("citation-key"), []
        if not key:
            key = text_of("id")
            if not KEY_TEXT.fullmatch(key) and authors and text_of("title"):
                # Zotero's own CSL-JSON export gives item addresses, not keys: make one as the
                # bibliography's keys are made (family name, year, first word of the title).
                key = made_key(authors[0], _csl_year(item.get("issued")), text_of("title"))
                notes.append(f"it had no citation key; it was given the key {key}")
        result = _finish(key, line, kind, authors, _csl_year(item.get("issued")),
                         text_of("title"), venue, extra, text_of("URL", "url"))
        if isinstance(result, Candidate):
            result.notes[:0] = notes
        (export.candidates if isinstance(result, Candidate) else export.unusable).append(result)
    return export
