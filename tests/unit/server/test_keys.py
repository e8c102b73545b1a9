"""The key roster: `NAME KEY-TYPE BASE64 [comment]`, every problem listed with its line."""

from __future__ import annotations

from pathlib import Path

import asyncssh
import pytest

from derivquest.server.keys import parse_key_roster

PATH = Path("class.keys")


def public_line() -> tuple[str, bytes]:
    """A fresh ed25519 public key as its .pub line (with a comment) and its wire bytes."""
    key = asyncssh.generate_private_key("ssh-ed25519", comment="ana@laptop")
    public = key.convert_to_public()
    return public.export_public_key().decode().strip(), public.public_data


def test_names_with_one_or_more_keys() -> None:
    (ana1, ana1_data), (ana2, ana2_data), (bo, bo_data) = (public_line() for _ in range(3))
    text = f"# class 7B\n\nana {ana1}\nana {ana2}\n  bo {bo}  \n"
    roster, problems = parse_key_roster(text, PATH)
    assert problems == []
    assert roster.names == ["ana", "bo"]
    assert roster.allows("ana", ana1_data) and roster.allows("ana", ana2_data)
    assert roster.allows("bo", bo_data)
    assert not roster.allows("ana", bo_data)  # the key says who you are
    assert not roster.allows("cy", bo_data)


def test_every_problem_is_listed_with_its_line() -> None:
    good, _ = public_line()
    other, _ = public_line()
    key_type, blob = good.split()[:2]
    text = "\n".join(
        [
            f"ana {good}",
            good,  # 2: a .pub line pasted without a name
            "bo ssh-ed25519",  # 3: no key
            f"-cy {other}",  # 4: bad name
            f"dee {key_type} AAAAnotbase64",  # 5: broken key
            f"dee ssh-rsa {blob}",  # 6: type and key disagree
            f"eve {good}",  # 7: ana's key again
            f"fay {other}",  # fine
        ]
    )
    roster, problems = parse_key_roster(text, PATH)
    assert [problem.line for problem in problems] == [2, 3, 4, 5, 6, 7]
    assert "starts with a key type" in problems[0].message
    assert "NAME KEY-TYPE BASE64" in problems[1].message
    assert "starts with a letter or digit" in problems[2].message
    assert problems[3].message.startswith("not a public key")
    assert problems[4].message.startswith("not a public key")
    assert problems[5].message == "this key is listed for 'ana' and for 'eve'"
    assert str(problems[0]).startswith("class.keys:2: ")
    assert roster.names == ["ana", "fay"]


@pytest.mark.parametrize("text", ["", "# nobody yet\n", "\n\n"])
def test_an_empty_roster_is_valid(text: str) -> None:
    roster, problems = parse_key_roster(text, PATH)
    assert roster.names == [] and problems == []
