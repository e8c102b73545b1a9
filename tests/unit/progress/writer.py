"""A writer process for the crash and concurrency tests: answers in a loop, printing ids.

    python writer.py DB TAG [COUNT]      (DB: a SQLite file or a postgresql:// URL)

With COUNT it prints "ready" once the store is open and waits for a line on stdin before
writing. Records COUNT answers (forever without COUNT) on the profile "shared", each with a unique
text `TAG-n`, and prints that text on its own line only after `record_attempt` returned,
i.e. after COMMIT. The crash
test forks a process that runs `main` with its stdout a pipe; the concurrency test runs
this file with Python.
"""

from __future__ import annotations

import sys
from itertools import count
from typing import TextIO

from derivquest.progress import ProgressStore

QUESTIONS = 5
"""Answers rotate over this many questions, so writers update the same counters."""


def main(argv: list[str], out: TextIO = sys.stdout) -> None:
    """Write answers until COUNT is reached or the process is killed; answers go to `out`."""
    location, tag = argv[0], argv[1]
    limit = int(argv[2]) if len(argv) > 2 else None
    with ProgressStore(location) as store:
        profile = store.create_profile("shared")
        if limit is not None:  # the concurrency test starts every writer at the same moment
            out.write("ready\n")
            out.flush()
            sys.stdin.readline()
        for number in count():
            if limit is not None and number >= limit:
                break
            answer = f"{tag}-{number}"
            store.record_attempt(
                profile.id,
                f"pack/level/q{number % QUESTIONS}",
                answer,
                correct=number % 2 == 0,
                seconds=0.25,
                skills=("chain",),
                mode="drill",
            )
            out.write(answer + "\n")
            out.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
