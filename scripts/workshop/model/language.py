"""The language the site is written in, set once as extra.workshop.language (default en-GB).

Material's theme.language is only "en", so it cannot tell British from American English. The
spelling check (Hunspell's dictionary) and the reading-ease measure (pyphen's hyphenation rules,
used for words the pronouncing dictionary lacks) both follow this one setting, so that a fork
written in American English passes its own checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Language:
    code: str          # as written in mkdocs.yml: en-GB
    name: str          # for messages: British English
    hunspell: str      # Hunspell's dictionary: en_GB
    pyphen: str        # pyphen's hyphenation rules: en_GB
    debian: str        # the Debian package that carries the Hunspell dictionary


LANGUAGES = {
    "en-GB": Language("en-GB", "British English", "en_GB", "en_GB", "hunspell-en-gb"),
    "en-US": Language("en-US", "American English", "en_US", "en_US", "hunspell-en-us"),
}
DEFAULT = "en-GB"


def language(code: object) -> Language:
    """The language of a code; an unknown or missing code is the default (the schema reports it)."""
    return LANGUAGES.get(str(code), LANGUAGES[DEFAULT]) if code else LANGUAGES[DEFAULT]


def of_config(config) -> Language:
    """The language a loaded configuration (model/config.py) asks for."""
    return language((config.workshop or {}).get("language"))


def of_project(root: Path) -> Language:
    """The language of the project at root, read from its mkdocs.yml; the default if it has none
    or it cannot be read (the checker reports an unreadable configuration, not this)."""
    from workshop.model.config import CONFIG_NAME, ConfigError, load_config

    path = root / CONFIG_NAME
    if not path.is_file():
        return LANGUAGES[DEFAULT]
    try:
        return of_config(load_config(path))
    except ConfigError:
        return LANGUAGES[DEFAULT]
