"""The spelling of everything a reader sees (pages, handouts and notebooks), in the site's language.

The language is extra.workshop.language in mkdocs.yml (model/language.py; en-GB by default).
In British English, Hunspell's en_GB dictionary catches typos and most American spellings (color,
center), but it accepts Oxford -ize forms; codespell's British-to-American list, read backwards,
catches those (organize, analyze) and names the British form. In American English, Hunspell's
en_US dictionary catches British spellings itself, and the same list, read forwards, names the
American form. Names and terms of the field live in one word list (data/wordlist.txt), so a
trainer adds a word once and every check knows it.
"""

from __future__ import annotations

from workshop.model.document import parse

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from workshop.model.language import LANGUAGES, Language, of_project
from workshop.model.text import split_front_matter

WORDLIST = Path("data") / "wordlist.txt"
SOURCES = ("docs", "exercises")
# American forms that codespell maps to British ones but that are British too, in some sense
# (the noun practice, a computer program, the verb license, a legal judgment, a storey's story).
BRITISH_TOO = {
    "biased", "focused", "focuses", "focusing", "refocused", "refocuses", "refocusing", "gray", "grays",
    "judgment", "judgments", "license", "licensed", "licenses", "licensing", "meter", "meters",
    "practice", "practices", "program", "programs", "routing", "stories", "story", "lambaste",
    "lambastes", "sulfate", "journaling", "check", "checks", "draft", "drafts", "tire", "tires",
    "curb", "curbs", "ton", "tons", "disk", "disks", "inquiry", "inquiries", "inquire",
}
# Text that is not prose: fenced code, inline code, HTML comments and tags, link targets,
# citations, attribute lists, web addresses, file names.
_FENCE = re.compile(r"^\s*(```|~~~)")
_STRIP = [
    re.compile(r"`[^`]*`"),
    re.compile(r"<!--.*?-->"),
    re.compile(r"<[^>]+>"),
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$"),
    re.compile(r"\[@[^\]]*\]|@[\w:-]+"),
    re.compile(r"\{[:.#][^}]*\}|\{\s*[.#][^}]*\}"),
    re.compile(r"\b(?:https?|ftp|mailto):\S+|\bwww\.\S+"),
    re.compile(r"\b[\w./-]+\.(?:md|ipynb|csv|svg|png|pdf|pptx|yaml|yml|py|html|json|txt|zip)\b"),
    re.compile(r"&[a-z]+;|&#\d+;"),
]
_WORD = re.compile(r"[A-Za-z\u00C0-\u017F]+(?:['’][A-Za-z]+)*(?:-[A-Za-z\u00C0-\u017F]+(?:['’][A-Za-z]+)*)*")
_FRONT_KEYS = re.compile(r"^(title|description)\s*:\s*(.*)$")


class SpellingError(Exception):
    """The spelling check cannot run; the message says what to install or correct."""


@dataclass(frozen=True, order=True)
class Misspelling:
    path: str
    line: int
    word: str
    suggestion: str

    def text(self) -> str:
        hint = f" (did you mean '{self.suggestion}'?)" if self.suggestion else " (add it to data/wordlist.txt if it is right)"
        return f"{self.path}:{self.line}: {self.word}{hint}"


def prose_lines(path: Path, text: str) -> list[tuple[int, str]]:
    """(line number, prose) for the parts of a page that readers see."""
    if path.suffix == ".ipynb":
        return _notebook_lines(text)
    front, first, body, body_line = split_front_matter(text)
    lines: list[tuple[int, str]] = []
    if front is not None and first > 0:
        for number, line in enumerate(front.splitlines(), first):
            match = _FRONT_KEYS.match(line)
            if match:
                lines.append((number, match.group(2).strip("'\"")))
    lines += _markdown_lines(body, body_line)
    return lines


def _markdown_lines(body: str, first: int) -> list[tuple[int, str]]:
    """The prose of Markdown, line by line, as the one parser reads it (code and markup blanked)."""
    return [(number, line) for number, line in enumerate(parse(body, first).prose.split("\n"), first) if line.strip()]


def _notebook_lines(text: str) -> list[tuple[int, str]]:
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError:
        return []
    raw = text.splitlines()
    position, lines = 0, []
    for cell in notebook.get("cells", []) if isinstance(notebook, dict) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        cell_lines = source.splitlines()
        numbers = []
        for line in cell_lines:
            encoded = json.dumps(line, ensure_ascii=False)[1:-1]
            found = next((i for i in range(position, len(raw)) if encoded and encoded in raw[i]), None)
            if found is not None:
                position = found
            numbers.append(position + 1)
        lines += [(numbers[i], line) for i, line in _markdown_lines("\n".join(cell_lines), 0) if i < len(numbers)]
    return lines


def words(line: str) -> list[str]:
    for pattern in _STRIP:
        line = pattern.sub(" ", line)
    return [w.replace("’", "'") for w in _WORD.findall(line)]


def _skipped(word: str) -> bool:
    """Abbreviations (defined in the glossary) and words of mixed case (product names)."""
    letters = word.replace("'", "").replace("-", "")
    return letters.isupper() or any(c.isupper() for c in letters[1:]) or len(letters) < 2


def load_wordlist(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    entries = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.add(entry.lower())
    return entries


def _codespell_pairs() -> list[tuple[str, str]]:
    """(British, American) pairs from codespell's British-to-American list."""
    import codespell_lib

    source = Path(codespell_lib.__file__).parent / "data" / "dictionary_en-GB_to_en-US.txt"
    pairs = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if "->" not in line:
            continue
        british, americans = line.split("->", 1)
        pairs += [(british.strip(), american.strip().lower()) for american in americans.split(",")]
    return pairs


def american_to_british() -> dict[str, str]:
    """codespell's British-to-American list, reversed, less the words that are British too."""
    mapping: dict[str, str] = {}
    for british, american in _codespell_pairs():
        if american and american not in BRITISH_TOO and american != british:
            mapping.setdefault(american, british)
    return mapping


def british_to_american() -> dict[str, str]:
    """codespell's British-to-American list as it is: the American form of a British spelling."""
    mapping: dict[str, str] = {}
    for british, american in _codespell_pairs():
        if american and american != british.lower():
            mapping.setdefault(british.lower(), american)
    return mapping


def _hunspell(candidates: list[str], language: Language = LANGUAGES["en-GB"]) -> dict[str, list[str]]:
    """Words Hunspell's dictionary for the language does not know, with its suggestions."""
    hunspell = shutil.which("hunspell")
    if hunspell is None:
        raise SpellingError("hunspell is not installed: run 'make system' "
                            f"(Debian: apt-get install hunspell {language.debian})")
    if not candidates:
        return {}
    result = subprocess.run([hunspell, "-d", language.hunspell, "-a"], input="".join(f"^{w}\n" for w in candidates),
                            capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.startswith("@(#)"):
        raise SpellingError(f"hunspell could not check {language.name} spelling with its {language.hunspell} "
                            f"dictionary: {result.stderr.strip()[:300]} (Debian: apt-get install {language.debian})")
    unknown: dict[str, list[str]] = {}
    blocks = result.stdout.split("\n", 1)[1].split("\n\n")
    for word, block in zip(candidates, blocks):
        for answer in block.splitlines():
            if answer.startswith("&"):
                unknown[word] = [s.strip() for s in answer.split(":", 1)[1].split(",")][:3]
            elif answer.startswith("#"):
                unknown[word] = []
    return unknown


def source_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for folder in SOURCES:
        base = root / folder
        if base.is_dir():
            files += [p for p in base.rglob("*") if p.suffix in (".md", ".ipynb") and p.is_file()
                      and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    return sorted(files)


def check(root: Path, files: list[Path] | None = None, wordlist: Path | None = None,
          language: Language | None = None) -> list[Misspelling]:
    """Every word of the pages that is not spelt in the site's language (extra.workshop.language,
    unless one is given), with where it is and a suggestion."""
    language = language or of_project(root)
    known = load_wordlist(wordlist or root / WORDLIST)
    # British: American forms Hunspell's en_GB accepts (-ize) are flagged with the British form.
    # American: Hunspell's en_US flags British forms itself; the list only names the American one.
    american = american_to_british() if language.code == "en-GB" else {}
    other_form = british_to_american() if language.code == "en-US" else {}
    occurrences: list[tuple[str, int, str]] = []
    for path in files if files is not None else source_files(root):
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in prose_lines(path, text):
            occurrences += [(rel, number, word) for word in words(line)]

    def parts(word: str) -> list[str]:
        return [p for p in word.split("-") if p and not _skipped(p)]

    def known_word(part: str) -> bool:
        lower = part.lower()
        return lower in known or (lower.endswith("'s") and lower[:-2] in known)

    candidates = sorted({p for _, _, word in occurrences if not known_word(word)
                         for p in parts(word) if not known_word(p) and p.lower() not in american})
    unknown = _hunspell(candidates, language)
    found = set()
    for rel, number, word in occurrences:
        if known_word(word):
            continue
        for part in parts(word):
            lower = part.lower()
            if known_word(part):
                continue
            if lower in american:
                british = american[lower]
                found.add(Misspelling(rel, number, part, british.capitalize() if part[0].isupper() else british))
            elif part in unknown:
                suggestion = other_form.get(lower) or ", ".join(unknown[part])
                if lower in other_form and part[0].isupper():
                    suggestion = suggestion.capitalize()
                found.add(Misspelling(rel, number, part, suggestion))
    return sorted(found)
