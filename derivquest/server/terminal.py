"""What the server itself writes on a student's screen: short notices and a terminal reset."""

from __future__ import annotations

RESET = (
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l"  # mouse reporting off
    "\x1b[?2004l"  # bracketed paste off
    "\x1b[?2048l"  # in-band resize reports off
    "\x1b[?1004l"  # focus reports off
    "\x1b[<u"  # pop the kitty keyboard mode (before leaving the alternate screen)
    "\x1b[?1049l"  # back to the normal screen
    "\x1b[?7h\x1b[?25h\x1b[0m"  # line wrap on, cursor shown, colours reset
)
"""What the game undoes when it quits by itself; sent when the server ends it instead.

Without it a student's terminal stays in the game's alternate screen with mouse reporting
on after an idle timeout or a shutdown. The same sequences Textual sends when it stops.
"""


def notice(text: str) -> bytes:
    """A notice on its own lines, for a terminal in raw mode (CR LF line ends)."""
    return ("\r\n" + text.replace("\n", "\r\n") + "\r\n").encode("utf-8")


def full(limit: int) -> str:
    """When every place is taken."""
    return (
        f"DerivQuest: the class is full ({limit} students are playing).\n"
        "Please try again in a few minutes."
    )


NEEDS_TERMINAL = (
    "DerivQuest is a game that needs a terminal.\n"
    "Connect with: ssh -t -p {port} {name}@{host} (no command after the address)."
)

BAD_NAME = "DerivQuest: log in with your name, as in ssh -p {port} ana@{host} ({problem})."

IDLE = (
    "DerivQuest: no key pressed for {minutes} min, so the session was closed.\n"
    "Every answer you gave is saved; log in again to continue."
)

OUT_OF_CPU = (
    "DerivQuest: your game used all the processor time it may use ({minutes} min) and was\n"
    "closed. Every answer you gave is saved; log in again to continue."
)

SHUTDOWN = (
    "DerivQuest: the server is shutting down. Every answer you gave is saved.\n"
    "Log in again when it is back to continue where you were."
)

CANNOT_START = "DerivQuest: the game could not start ({error}). Please tell your teacher."


def address(sockname: object) -> tuple[str, int]:
    """The (host, port) a client connected to, for "connect with" hints."""
    if isinstance(sockname, tuple) and len(sockname) >= 2:
        return str(sockname[0]), int(sockname[1])
    return "SERVER", 2222
