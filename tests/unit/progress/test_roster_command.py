"""`derivquest roster` on SQLite and PostgreSQL, and servers admitting from the roster it keeps."""

from __future__ import annotations

import io
from pathlib import Path

import asyncssh
import pytest

from derivquest.cli import main
from derivquest.progress import ProgressStore
from derivquest.server.auth import Admission
from derivquest.server.db_roster import DatabaseRoster


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real scrypt cost takes 0.2 s per password: make the command's hashes cheap."""
    from derivquest.server import passwords

    monkeypatch.setattr(passwords, "LOG2_N", 4)


def cli(database: str | None, *argv: str) -> int:
    """Run `derivquest roster ...` on the test's database (the default file when None)."""
    return main(["roster", *argv, *(("--database", database) if database else ())])


def pub(folder: Path, name: str) -> tuple[Path, bytes]:
    """Write `name`'s public key file; return it and the key's wire encoding."""
    key = asyncssh.generate_private_key("ssh-ed25519", comment=f"{name}@laptop")
    path = folder / f"{name}.pub"
    key.write_public_key(path)
    key.write_private_key(folder / name)
    return path, key.convert_to_public().public_data


def admission(database: str | None) -> Admission:
    return Admission.from_database(DatabaseRoster(ProgressStore(database)))


def test_add_list_remove_applies_at_the_next_login(
    database: str | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A server opened before the changes sees each one at the next login: no restart."""
    ana_pub, ana_key = pub(tmp_path, "ana")
    server = admission(database)
    assert not server.key_allowed("ana", ana_key)
    assert cli(database, "add", "ana", "--class", "7B", "--key", str(ana_pub)) == 0
    assert capsys.readouterr().out == "added ana: 1 new key, class 7B\n"
    assert server.key_allowed("ana", ana_key)
    assert not server.key_allowed("bo", ana_key)  # the key says who logs in

    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-bo\n"))
    assert cli(database, "add", "bo", "--password-stdin") == 0
    assert capsys.readouterr().out == "added bo: a password\n"
    assert server.password_ok("bo", "s3cret-bo")
    assert not server.password_ok("bo", "s3cret-bx")
    assert not server.password_ok("ana", "s3cret-bo")  # keys only: the decoy answers

    assert cli(database, "list") == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].split() == ["ana", "7B", "1", "key", "(ana@laptop)", "no", "password"]
    assert listed[1].split() == ["bo", "-", "0", "keys", "password"]
    assert listed[2].startswith("2 students in ")
    assert cli(database, "list", "--class", "7B") == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["ana", "1"]

    assert cli(database, "disable", "ana") == 0
    assert not server.key_allowed("ana", ana_key)
    assert "DISABLED" in (cli(database, "list"), capsys.readouterr().out)[1]
    assert cli(database, "enable", "ana") == 0
    assert server.key_allowed("ana", ana_key)
    assert cli(database, "remove", "ana", "bo") == 0
    assert capsys.readouterr().out.endswith("removed ana, bo\n")
    assert not server.key_allowed("ana", ana_key)
    assert not server.password_ok("bo", "s3cret-bo")
    assert "keys and passwords of 0 students from the roster in" in server.describe()


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["remove", "zed"], "", "not on the roster: 'zed'"),
        (["disable", "ana", "zed"], "", "not on the roster: 'zed'"),
        (["add", "bad name"], "", "'bad name': a student name cannot contain ' '"),
        (["add", "ana", "--class", "7 B"], "", "a class name cannot contain spaces"),
        (["add", "bo", "--key", "ana.pub"], "", "is already listed for 'ana'"),
        (["add", "bo", "--key", "missing.pub"], "", "missing.pub: cannot read"),
        (["add", "bo", "--key", "garbage.pub"], "", "garbage.pub:1: not a public key"),
        (["add", "bo", "--key", "empty.pub"], "", "empty.pub: holds no public key"),
        (["add", "bo", "--key", "ana"], "", "is a private key: give the .pub file"),
        (["add", "bo", "--password-stdin"], "\n", "the password is empty; nothing was changed"),
        (["add", "bo", "--password-stdin"], "abc\n", "at least 6 characters"),
        (["add", "bo", "--password-prompt"], "", "--password-prompt needs a terminal"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    database: str | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: str,
    message: str,
) -> None:
    """Each bad input gets a sentence and exit status 1; the roster is as it was."""
    monkeypatch.chdir(tmp_path)
    ana_pub, _ = pub(tmp_path, "ana")
    (tmp_path / "garbage.pub").write_text("ssh-ed25519 not-a-key bo@laptop\n")
    (tmp_path / "empty.pub").write_text("# nothing here\n")
    assert cli(database, "add", "ana", "--key", str(ana_pub)) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert cli(database, *argv) == 1
    error = capsys.readouterr().err
    assert error.startswith("derivquest roster: ") and message in error
    with ProgressStore(database) as store:
        assert [(s.name, len(s.keys)) for s in store.roster.students()] == [("ana", 1)]


def test_import_key_and_password_rosters_then_export(
    database: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Today's roster files move in with a class; export writes them back (hashes on request)."""
    ana_pub, ana_key = pub(tmp_path, "ana")
    bo_pub, _ = pub(tmp_path, "bo")
    keys = tmp_path / "class.keys"
    keys.write_text(f"# 7B\nana {ana_pub.read_text()}bo {bo_pub.read_text()}")
    assert cli(database, "import", str(keys), "--class", "7B") == 0
    assert "2 new students, 0 students updated, 2 new keys" in capsys.readouterr().out
    passwd = tmp_path / "class.passwd"
    assert main(["serve", "passwd", str(passwd), "bo", "cy", "--generate"]) == 0
    generated = dict(line.split() for line in capsys.readouterr().out.splitlines())
    assert cli(database, "import", str(passwd)) == 0
    assert "1 new student, 1 student updated, 0 new keys" in capsys.readouterr().out
    server = admission(database)
    assert server.key_allowed("ana", ana_key)
    assert server.password_ok("cy", generated["cy"])
    assert server.password_ok("bo", generated["bo"])

    assert cli(database, "export", "-") == 0
    exported = capsys.readouterr().out
    assert "scrypt" not in exported  # never hashes unless asked
    assert sorted(line.split()[0] for line in exported.splitlines()[1:]) == ["ana", "bo"]
    assert cli(database, "export", "--password-hashes", str(tmp_path / "out.passwd")) == 0
    assert (tmp_path / "out.passwd").stat().st_mode & 0o077 == 0
    hashes = (tmp_path / "out.passwd").read_text().splitlines()[1:]
    assert [line.split(":")[0] for line in hashes] == ["bo", "cy"]
    assert cli(database, "export", "--class", "7B", str(tmp_path / "7b.keys")) == 0
    # The exported key roster is what `serve --authorized-keys` and `roster import` read.
    assert Admission.with_keys(tmp_path / "7b.keys").key_allowed("ana", ana_key)


def test_a_broken_roster_file_imports_nothing(
    database: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana_pub, _ = pub(tmp_path, "ana")
    keys = tmp_path / "class.keys"
    keys.write_text(f"ana {ana_pub.read_text()}bo ssh-ed25519 AAAA\n")
    assert cli(database, "import", str(keys)) == 1
    error = capsys.readouterr().err
    assert "nothing was imported" in error and f"{keys}:2: not a public key" in error
    empty = tmp_path / "empty.keys"
    empty.write_text("# nobody yet\n")
    assert cli(database, "import", str(empty)) == 1
    assert "lists nobody" in capsys.readouterr().err
    assert cli(database, "list") == 0
    assert capsys.readouterr().out.startswith("nobody is on the roster in ")


def test_an_unreadable_database_admits_nobody(
    database: str | None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A roster that cannot be read refuses the login (and logs why); it never crashes."""
    ana_pub, ana_key = pub(tmp_path, "ana")
    assert cli(database, "add", "ana", "--key", str(ana_pub)) == 0
    server = admission(database)
    assert server.database is not None
    server.database.store.close()
    assert not server.key_allowed("ana", ana_key)
    assert not server.password_ok("ana", "whatever")
    assert "cannot check the key in the roster" in caplog.text
    assert "(cannot read it now)" in server.describe()


@pytest.mark.parametrize("command", ["serve", "web"])
def test_an_empty_database_roster_is_refused_clearly(
    database: str | None, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--roster database` with nobody on it stops at once, saying how to add students."""
    argv = [command, "--port", "0", "--roster", "database"]
    assert main([*argv, *(("--database", database) if database else ())]) == 1
    error = capsys.readouterr().err
    assert "the database roster cannot be used: nobody is on the roster in" in error
    assert "derivquest roster add NAME" in error


@pytest.mark.parametrize(
    ("options", "mode"),
    [
        ([], "database"),  # the default once the roster has students
        (["--roster", "database"], "database"),
        (["--open"], "open"),
        (["--passwords", "class.passwd"], "passwords"),  # a file still wins when given
    ],
)
def test_which_roster_a_server_uses(
    database: str | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    options: list[str],
    mode: str,
) -> None:
    import argparse

    from derivquest.commands import serve as serve_command
    from derivquest.commands.database_option import use_database

    monkeypatch.chdir(tmp_path)
    assert main(["serve", "passwd", "class.passwd", "ana", "--generate"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-bo\n"))
    assert cli(database, "add", "bo", "--password-stdin") == 0
    parser = argparse.ArgumentParser()
    serve_command.register(parser.add_subparsers())
    args = parser.parse_args(["serve", *options, *(("--database", database) if database else ())])
    use_database(args)
    config = serve_command.server_config(args)
    assert config is not None and config.admission.mode == mode
    assert config.admission.accepts_passwords == (mode != "open")
    assert config.admission.accepts_keys == (mode == "database")
    config.admission.close()  # as the server does when it stops


def test_a_lost_laptops_key_is_taken_away(
    database: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`remove NAME --key FILE` takes one key away; the student and their other key stay."""
    laptop, laptop_key = pub(tmp_path, "laptop")
    home, home_key = pub(tmp_path, "home")
    other, _ = pub(tmp_path, "other")
    assert cli(database, "add", "ana", "--key", str(laptop), "--key", str(home)) == 0
    server = admission(database)
    assert cli(database, "remove", "ana", "--key", str(laptop)) == 0
    assert capsys.readouterr().out.endswith("took 1 key away from ana\n")
    assert not server.key_allowed("ana", laptop_key) and server.key_allowed("ana", home_key)
    assert cli(database, "remove", "ana", "--key", str(other)) == 1
    assert "ana has none of those keys; nothing was changed" in capsys.readouterr().err
    assert cli(database, "remove", "zed", "--key", str(other)) == 1
    assert "not on the roster: 'zed'" in capsys.readouterr().err
    assert cli(database, "remove", "ana", "bo", "--key", str(other)) == 2
    assert "one NAME at a time" in capsys.readouterr().err
