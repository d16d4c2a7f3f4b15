"""The online group: how many groups join online, what each needs, and its line for every block.

A hybrid session is easy to plan for the room and to forget for the screen. With
extra.workshop.remote_groups above 0, every block of the plan says what an online group does in it,
in one "Online group:" line that the slides, the run sheet, the facilitator view and the hybrid
run sheet all print: what to do (data/session.yaml, online.blocks), where the call and the board
are (extra.workshop.online), when to be back in the main call (computed from the block's end), and
how to hand work back. With remote_groups 0 the line is empty and nothing shows it.

Plain text only: each output escapes it where it meets HTML or Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workshop.model.agenda import Block
    from workshop.model.session import Session

DEFAULT_LINK = "in the joining email"
DEFAULT_BOARD = "in the call's chat"
DEFAULT_HOST = "the online co-facilitator"
MAIN_CALL = {"didactic": "In the main call", "interactive": "In the main call", "break": "Cameras off; the call stays open",
             "housekeeping": "In the main call"}


@dataclass(frozen=True)
class Online:
    groups: int          # groups that join online (extra.workshop.remote_groups)
    link: str            # the call's link, or where to find it
    board: str           # the online group's board, or where to find its link
    host: str            # who hosts the online group

    @property
    def active(self) -> bool:
        return self.groups > 0


def _text(value: Any, default: str) -> str:
    text = " ".join(str(value).split()) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
    return text or default


def settings(workshop: dict[str, Any]) -> Online:
    """extra.workshop.remote_groups and extra.workshop.online; the schema has reported wrong values."""
    count = workshop.get("remote_groups")
    count = count if isinstance(count, int) and not isinstance(count, bool) and count > 0 else 0
    groups = workshop.get("groups")
    if isinstance(groups, int) and not isinstance(groups, bool) and groups >= 1:
        count = min(count, groups)
    raw = workshop.get("online") if isinstance(workshop.get("online"), dict) else {}
    return Online(count, _text(raw.get("link"), DEFAULT_LINK), _text(raw.get("board"), DEFAULT_BOARD),
                  _text(raw.get("host"), DEFAULT_HOST))


def clock(time: str, minutes: float) -> str:
    hours, mins = (int(part) for part in time.split(":"))
    total = int(round(hours * 60 + mins + minutes))
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


@dataclass(frozen=True)
class OnlineCue:
    """What an online group does in one block."""
    do: str
    breakout: bool       # held in the group's own breakout room
    join: str            # where to find the call's link (the first block only)
    board: str           # where the board is (breakout blocks only)
    back: str            # the clock time to be back in the main call ("" when it never leaves)
    close_rooms: str     # when the host closes the breakout rooms
    hand_back: str

    def brief(self) -> str:
        """Where the group is and when it is back, in a few words, for a row of the one-page run
        sheet: 'Online group: own room, back by 13:51.' The hybrid run sheet, printed with it, gives
        each block's line in full (what to do, the link, the board and how to hand back)."""
        where = "own room" if self.breakout else self.do.split(";")[0].split(",")[0].rstrip(".")
        text = f"Online group: {where[:1].lower() + where[1:]}"
        if self.back:
            text += f" until {self.back}"
        return text + "."

    def line(self, label: bool = True, short: bool = False) -> str:
        """The one line every output prints: 'Online group: ... Back by 13:51. Hand back: ...'.
        short leaves out where the board is (a slide's line: the first slide gives it once)."""
        parts = [self.do.rstrip(".") + "."]
        if self.join:
            parts.append(f"Link: {self.join.rstrip('.')}.")
        if self.board and not short:
            parts.append(f"Board: {self.board.rstrip('.')}.")
        if self.back:
            parts.append(f"Back by {self.back}.")
        if self.hand_back:
            parts.append(f"Hand back: {self.hand_back.rstrip('.')}.")
        text = " ".join(parts)
        return f"Online group: {text}" if label else text


def cue(block: Block, session: Session | None, online: Online, first: bool = False) -> OnlineCue | None:
    """The online group's cue for a block, or None when no group joins online."""
    if not online.active:
        return None
    own = session.online_blocks.get(block.id, {}) if session is not None else {}
    breakout = session is not None and block.id in session.breakout_blocks
    move = session.move_minutes if session is not None else 0
    do = own.get("do") or ("In your group's breakout room" if breakout else MAIN_CALL.get(block.mode, "In the main call"))
    return OnlineCue(
        do=do, breakout=breakout, join=online.link if first else "",
        board=online.board if breakout or first else "",
        back=block.end if breakout or block.mode == "break" else "",
        close_rooms=clock(block.end, -move) if breakout else "",
        hand_back=own.get("hand_back") or "")


def line(block: Block, session: Session | None, online: Online, first: bool = False, short: bool = False) -> str:
    found = cue(block, session, online, first)
    return found.line(short=short) if found else ""
