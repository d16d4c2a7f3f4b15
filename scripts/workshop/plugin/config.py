"""The workshop plugin's options, declared as MkDocs declares them (Material's style):

    plugins:
      - workshop:
          enabled: true          # false: no checker, no generated parts, no exercises section
          cache: true            # keep checked pages and notebook outputs between builds
          cache_dir: .cache/workshop

Front ends that run outside MkDocs (the checker, the handouts) read the same options from
mkdocs.yml through model/config.py, so a setting means the same everywhere.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class WorkshopPluginConfig(Config):
    enabled = c.Type(bool, default=True)
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/workshop")
