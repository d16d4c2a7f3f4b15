"""The workshop's data files and the extra: part of its mkdocs.yml meet their JSON Schemas.

The checker reads every data file through its schema; these tests apply the schemas directly, as an
editor does while a trainer types, so a file the checker would read leniently (a wrong value left
out, a default used instead) still shows here. A data file that names its schema on its first line
(`# yaml-language-server: $schema=...`) must name the engine's schema of that file, or the editor
checks it against another.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

DATA_FILES = ("agenda", "glossary", "bibliography", "session", "slides")
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


@pytest.mark.parametrize("name", DATA_FILES)
def test_each_data_file_meets_its_schema_and_names_the_engines(project, name):
    from workshop.model.schema import SCHEMAS, validator

    path = project / "data" / f"{name}.yaml"
    if not path.is_file():
        return   # the workshop has no such file; the checker says where one is needed
    text = path.read_text(encoding="utf-8")
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(yaml.safe_load(text))]
    assert errors == [], f"data/{name}.yaml:\n" + "\n".join(errors)
    named = SCHEMA_LINE.match(text)
    if named:
        target = path.parent / named.group(1)
        assert target.is_file(), f"data/{name}.yaml names the schema {named.group(1)}, which does not exist"
        assert json.loads(target.read_text(encoding="utf-8")) == \
            json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")), \
            f"data/{name}.yaml names {named.group(1)}, which is not the engine's schema of the file"


def test_the_configuration_meets_its_schema(config_path):
    from workshop.model.schema import validator
    from workshop.model.text import ConfigLoader

    extra = yaml.load(config_path.read_text(encoding="utf-8"), Loader=ConfigLoader)["extra"]
    assert [e.message for e in validator("extra").iter_errors(extra)] == []
