"""A new password for `roster add`: typed twice, read from standard input, or generated."""

from __future__ import annotations

import argparse
import getpass
import sys

# One rule for both commands: `serve passwd` (password roster files) and `roster add`.
from derivquest.commands.serve import MIN_PASSWORD
from derivquest.commands.serve import new_password as generate_password


def read_password(args: argparse.Namespace) -> str | None:
    """The password the options ask for (None: none asked for).

    Raises:
        ValueError: the two typed differ, no terminal for --password-prompt, or it is too
            short or empty; the message says which.
    """
    if args.generate_password:
        return generate_password()
    if args.password_prompt:
        if not sys.stdin.isatty():
            raise ValueError("--password-prompt needs a terminal (use --password-stdin)")
        first = getpass.getpass(f"password for {args.name.strip()}: ")
        if getpass.getpass("again: ") != first:
            raise ValueError("the two passwords differ")
        password = first
    elif args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        return None
    if not password:
        raise ValueError("the password is empty")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
    return password


def new_password_hash(args: argparse.Namespace) -> tuple[str, str | None] | None:
    """The encoded scrypt hash of the new password, and the password when generated.

    Raises:
        ValueError: see `read_password`.
    """
    from derivquest.server import passwords

    password = read_password(args)
    if password is None:
        return None
    # LOG2_N is read now, not at import, so tests can make hashing cheap.
    encoded = passwords.hash_password(password, passwords.LOG2_N).encode()
    return encoded, password if args.generate_password else None
