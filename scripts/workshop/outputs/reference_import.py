"""Adding an export from a reference manager to data/bibliography.yaml, never over a trainer's edit.

The bibliography stays the one file the site reads; an import only adds to it. Each entry an import
writes records `imported: sha256:<16 hex>`, a checksum of the bibliographic fields it wrote (all
but key, topics and the checksum itself). On the next import an entry of the same key is replaced
only while its fields still match that checksum, that is, while nobody has changed it; its topics
(the reading-list groups a trainer adds) are kept. An entry with no checksum, or whose fields no
longer match it, is the trainer's: it is kept as it is, and reported with its line.

The file is edited with ruamel.yaml's round-trip mode, so its comments, order and quoting stay as
the trainer left them, and it is replaced whole (a temporary file renamed over it), only after the
new text has been read back and found to hold exactly the entries meant.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from workshop.model.bibliography import BIBLIOGRAPHY
from workshop.model.schema import validator
from workshop.model.schema_messages import dotted, reason
from workshop.outputs.reference_sources import Candidate

IMPORTED = "imported"
OWN_FIELDS = ("key", "topics", IMPORTED)     # not part of what an import writes and checks
ORDER = ("type", "authors", "year", "title", "venue", "volume", "issue", "pages", "doi", "url")
HEADER = ("# yaml-language-server: $schema=../scripts/workshop/schemas/bibliography.schema.json\n"
          "# The workshop's bibliography: one file, cited in pages as [@key] or [@key1; @key2].\n")


class ImportRefused(Exception):
    """The bibliography cannot be edited safely; nothing was written. `line` is where, if known."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Outcome:
    key: str
    status: str          # added, updated, unchanged, kept, skipped
    line: int            # in the export
    bib_line: int = 0    # in the bibliography, for an entry that was there
    reason: str = ""
    hint: str = ""


def _plain(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (bool, int)) or value is None:
        return value
    return str(value)


def bibliographic(entry: dict) -> dict:
    """The fields an import writes, as plain values (what the checksum covers)."""
    return {str(k): _plain(v) for k, v in entry.items() if k not in OWN_FIELDS}


def checksum(fields: dict) -> str:
    canonical = json.dumps(bibliographic(fields), sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _round_trip() -> YAML:
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 10**6
    rt.indent(mapping=2, sequence=2, offset=0)      # "- key: ..." at the margin, lists under their key
    return rt


def _schema_problem(key: str, fields: dict) -> str | None:
    errors = sorted(validator("bibliography").iter_errors([{"key": key, **fields}]), key=lambda e: list(map(str, e.path)))
    if not errors:
        return None
    error = errors[0]
    return reason(error, dotted(list(error.absolute_path)[1:]) or "the entry")


_RESOLVER = yaml.resolver.Resolver()


def _text(value: object) -> object:
    """A string that the site's YAML reader (YAML 1.1) would take for something else (yes, 1e3,
    2020-01-01, null) is written in quotes; ruamel.yaml, which follows YAML 1.2, would not."""
    if isinstance(value, str) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":
        return SingleQuotedScalarString(value)
    return value


def _new_entry(candidate: Candidate) -> CommentedMap:
    entry = CommentedMap([("key", _text(candidate.key))])
    for name in ORDER:
        if name in candidate.fields:
            value = candidate.fields[name]
            entry[name] = CommentedSeq([_text(v) for v in value]) if isinstance(value, list) else _text(value)
    entry[IMPORTED] = checksum(candidate.fields)
    return entry


def _dump_entry(entry: CommentedMap) -> list[str]:
    """An entry as the lines of one item of the bibliography's list ('- key: ...')."""
    out = io.StringIO()
    _round_trip().dump(CommentedSeq([entry]), out)
    return out.getvalue().splitlines(keepends=True)


def _span(lines: list[str], start: int, next_start: int) -> int:
    """The end (exclusive) of an entry's lines: up to the next entry, less the blank lines and the
    comments at the margin just before it, which belong to the next entry."""
    end = next_start
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return end


_COMMENT = re.compile(r"(^|\s)#")


def merge(text: str | None, candidates: list[Candidate]) -> tuple[str | None, list[Outcome]]:
    """The bibliography's new text with the candidates merged in (None when nothing changes), and
    what happened to each candidate. `text` None: there is no bibliography yet.

    Only the lines of an entry that is added or replaced are written; every other line of the file
    stays byte for byte as it was."""
    rt = _round_trip()
    try:
        data = rt.load(text) if text and text.strip() else None
    except RuamelError as error:
        mark = getattr(error, "problem_mark", None)
        raise ImportRefused(mark.line + 1 if mark else 1, "the bibliography is not valid YAML; fix it first "
                            f"({str(error).splitlines()[0]})") from None
    created = data is None
    if created:
        data = CommentedSeq()
    if not isinstance(data, CommentedSeq):
        raise ImportRefused(1, "the bibliography must be a list of entries (each starting '- key:')")
    lines = (text or "").splitlines(keepends=True)
    starts = [data.lc.item(i)[0] for i in range(len(data))]

    where: dict[str, list[int]] = {}
    for index, item in enumerate(data):
        if isinstance(item, CommentedMap) and isinstance(item.get("key"), str):
            where.setdefault(item["key"], []).append(index)

    outcomes: list[Outcome] = []
    replaced: dict[int, list[str]] = {}        # index of an entry -> its new lines
    added: list[str] = []
    expected = [_plain(item) for item in data]
    seen: set[str] = set()
    for candidate in candidates:
        key, line = candidate.key, candidate.line
        if key in seen:
            outcomes.append(Outcome(key, "skipped", line, 0, "an earlier entry of the export has the same key",
                                    "give each entry its own key in your reference manager"))
            continue
        seen.add(key)
        wrong = _schema_problem(key, candidate.fields)
        if wrong:
            outcomes.append(Outcome(key, "skipped", line, 0, f"it does not fit the bibliography: {wrong}",
                                    "correct the entry in your reference manager and export it again"))
            continue
        existing = where.get(key, [])
        if len(existing) > 1:
            places = ", ".join(str(starts[i] + 1) for i in existing)
            outcomes.append(Outcome(key, "kept", line, starts[existing[0]] + 1,
                                    f"the bibliography has this key more than once (lines {places})",
                                    "keep one of them, then import again"))
            continue
        if not existing:
            entry = _new_entry(candidate)
            added += _dump_entry(entry)
            expected.append(_plain(entry))
            outcomes.append(Outcome(key, "added", line))
            continue
        index = existing[0]
        entry, bib_line = data[index], starts[index] + 1
        current, new = bibliographic(entry), bibliographic(candidate.fields)
        ours = entry.get(IMPORTED) == checksum(current)
        end = _span(lines, starts[index], starts[index + 1] if index + 1 < len(starts) else len(lines))
        commented = any(_COMMENT.search(l) for l in lines[starts[index]:end])
        if current == new:
            outcomes.append(Outcome(key, "unchanged", line, bib_line))
        elif ours and not commented:
            fresh = _new_entry(candidate)
            if "topics" in entry:                 # the trainer's reading-list groups stay
                fresh.insert(len(fresh) - 1, "topics", CommentedSeq(entry["topics"]) if isinstance(entry["topics"], list) else entry["topics"])
            replaced[index] = _dump_entry(fresh)
            expected[index] = _plain(fresh)
            outcomes.append(Outcome(key, "updated", line, bib_line))
        else:
            changed = sorted(k for k in set(current) | set(new) if current.get(k) != new.get(k))
            why = ("it was written by hand" if IMPORTED not in entry
                   else "it has comments of yours" if ours else "it was changed after it was imported")
            outcomes.append(Outcome(key, "kept", line, bib_line,
                                    f"kept as it is: {why}; the export differs in {', '.join(changed)}",
                                    "to take the exported version, delete this entry and import again"))
    if not replaced and not added:
        return None, outcomes
    result: list[str] = [HEADER] if created else []
    position = 0
    for index in sorted(replaced):
        begin = starts[index]
        end = _span(lines, begin, starts[index + 1] if index + 1 < len(starts) else len(lines))
        result += lines[position:begin] + replaced[index]
        position = end
    result += lines[position:]
    if result and not result[-1].endswith("\n"):
        result[-1] += "\n"
    text_out = "".join(result + added)
    _verify(text_out, expected)
    return text_out, outcomes


def _verify(result: str, expected: list) -> None:
    """The text written must read back, with the site's own YAML reader, as exactly the entries meant."""
    try:
        read = yaml.safe_load(result)
    except yaml.YAMLError as error:
        raise ImportRefused(1, f"the new bibliography would not read back ({error}); nothing was written") from None
    if _plain(read or []) != expected:
        raise ImportRefused(1, "the new bibliography would not read back as written; nothing was written")


def write_whole(path: Path, text: str) -> None:
    """Replace `path` by a complete new copy, keeping its permissions; a crash leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def import_into(root: Path, candidates: list[Candidate]) -> list[Outcome]:
    """Merge the candidates into the project's bibliography and write it if anything changed."""
    path = root / BIBLIOGRAPHY
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ImportRefused(1, "the bibliography is not an ordinary file; it was left as it is")
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else None
    except UnicodeDecodeError:
        raise ImportRefused(1, "the bibliography is not UTF-8 text; it was left as it is") from None
    new_text, outcomes = merge(text, candidates)
    if new_text is not None:
        write_whole(path, new_text)
    return outcomes
