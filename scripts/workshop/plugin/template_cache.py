"""Compiled templates kept between builds, so a build does not compile Material's templates again.

Jinja compiles every template a build renders (Material's base.html and partials, and the
engine's) each time MkDocs makes its environment: once a build, and once each rebuild of make
serve. Jinja's documented bytecode cache (Environment.bytecode_cache, set in the on_env event)
keeps the compiled code: in memory for the rest of make serve, and in the project's cache on
disk for the next build. Jinja checks each entry against a checksum of the template's source,
so an edited template is compiled again.

The compiled code is Python's marshal format, which is code. It is kept as the rest of the cache
is kept: under the machine's HMAC key (model/cache.py), so that only an entry this machine wrote
is ever loaded; an entry planted in the project, copied or damaged is compiled again instead.
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from workshop.model.cache import DiskCache, key

CACHE_NAME = "templates"
MEMORY_LIMIT = 400   # templates kept in memory: Material renders about 60


def _decoded(value: object) -> bytes:
    if not isinstance(value, str):
        raise TypeError("not a compiled template")
    return base64.b64decode(value.encode("ascii"), validate=True)


def _encoded(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _compiling(environment: jinja2.Environment) -> tuple:
    """The environment's settings that change the code a template compiles to: an entry made
    under other settings is never used."""
    def named(value: object) -> str:
        return getattr(value, "__qualname__", None) or repr(value) if callable(value) else repr(value)

    settings = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized")
    return (tuple(repr(getattr(environment, name, None)) for name in settings), sorted(environment.extensions),
            named(environment.autoescape), named(environment.finalize))


class TemplateCache(BytecodeCache):
    """Jinja's bytecode cache over the workshop's authenticated cache (disk) and a dict (memory)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.memory: dict[str, bytes] = {}
        self.loaded = 0     # templates taken from the cache in this process, not compiled

    def _name(self, bucket: Bucket) -> str:
        return key("template", bucket.key, bucket.checksum, jinja2.__version__, sys.version_info[:2],
                   _compiling(bucket.environment))

    def load_bytecode(self, bucket: Bucket) -> None:
        name = self._name(bucket)
        data = self.memory.get(name)
        if data is None:
            data = DiskCache(self.root, CACHE_NAME, limit=MEMORY_LIMIT).load(name, decode=_decoded)
        if data is not None:
            bucket.bytecode_from_string(data)   # Jinja checks its version and the source's checksum
            if bucket.code is not None:
                self.loaded += 1
                self.memory[name] = data

    def dump_bytecode(self, bucket: Bucket) -> None:
        name = self._name(bucket)
        data = bucket.bytecode_to_string()
        if len(self.memory) >= MEMORY_LIMIT:
            self.memory.clear()
        self.memory[name] = data
        DiskCache(self.root, CACHE_NAME, limit=MEMORY_LIMIT).store(name, data, encode=_encoded)
