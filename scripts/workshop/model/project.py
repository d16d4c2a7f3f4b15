"""Which project a command acts on: the folder of the mkdocs.yml it was given or found.

A trainer may run the commands of one clone's environment in another clone (a shared or linked
.venv), or from an installed package. The project is therefore never where the package's code
lives: it is the folder of the mkdocs.yml named by --config (-f), or else of the first mkdocs.yml
found from the working folder upwards. Every front end asks here once and passes the root down.
"""

from __future__ import annotations

import stat
from pathlib import Path

from workshop.model.config import CONFIG_NAME, ConfigError, find_config
from workshop.model.messages import printable


def config_file(given: Path | None = None, start: Path | None = None) -> Path:
    """The configuration to use: `given` (--config) when set, else the first mkdocs.yml in
    `start` (the working folder) or a folder above it. Raises ConfigError, naming the path,
    when there is none or it is not a regular file (a folder, a pipe, a device)."""
    if given is None:
        return find_config((start or Path.cwd()).absolute())
    path = Path(given).expanduser().absolute()
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise ConfigError(f"{printable(given)}: no such configuration file "
                          f"({error.strerror or 'cannot be read'})") from None
    if not stat.S_ISREG(mode):
        raise ConfigError(f"{printable(given)}: not a configuration file (it is not a regular file); "
                          f"give the path of a {CONFIG_NAME}")
    return path


def project_root(config_path: Path) -> Path:
    """The project's folder: the one that holds its configuration."""
    return Path(config_path).absolute().parent
