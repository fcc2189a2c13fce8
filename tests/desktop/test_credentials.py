"""Passwords of a shared ledger never reach the settings file in plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.environment import settings as S
from desktop.environment.credentials import SERVICE, Credentials, system_keyring, without_password

URL = "postgresql+psycopg://zhangsan:s3cr%40t@db.county.gov:5432/taizhang"
BARE = "postgresql+psycopg://zhangsan@db.county.gov:5432/taizhang"
KEY = "zhangsan@db.county.gov:5432/taizhang"


class FakeKeyring:
    def __init__(self) -> None:
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password


def _settings_text(tmp_path: Path, settings: S.Settings) -> str:
    settings.sync()
    return (tmp_path / "settings.ini").read_text(encoding="utf-8", errors="replace")


def test_saved_url_has_no_password_and_keyring_has_it(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ring = FakeKeyring()
    Credentials(ring).save_url(settings, URL)
    assert settings.get(S.LEDGER_URL) == BARE
    assert "s3cr" not in _settings_text(tmp_path, settings)
    assert ring.store == {(SERVICE, KEY): "s3cr@t"}
    # A later run (new session) finds it without asking.
    asked: list[str] = []
    later = Credentials(ring, ask=lambda k: asked.append(k) or None)
    assert later.ledger_url(settings) == URL
    assert asked == []


def test_without_keyring_the_password_is_asked_once_per_session(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def ask(key: str) -> str:
        asked.append(key)
        return "s3cr@t"

    creds = Credentials(None, ask=ask)
    creds.save_url(settings, URL)
    assert "s3cr" not in _settings_text(tmp_path, settings)
    assert creds.ledger_url(settings) == URL  # typed this session: not asked
    fresh = Credentials(None, ask=ask)  # the next run of the program
    assert fresh.ledger_url(settings) == URL
    assert fresh.ledger_url(settings) == URL
    assert asked == [KEY]


def test_plain_text_password_left_in_old_settings_is_moved_out(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.set(S.LEDGER_URL, URL)
    ring = FakeKeyring()
    assert Credentials(ring).ledger_url(settings) == URL
    assert settings.get(S.LEDGER_URL) == BARE
    assert "s3cr" not in _settings_text(tmp_path, settings)
    assert ring.get_password(SERVICE, KEY) == "s3cr@t"


def test_cancelled_prompt_opens_without_password_and_asks_again(settings) -> None:  # type: ignore[no-untyped-def]
    answers = iter([None, "pw"])
    creds = Credentials(None, ask=lambda _k: next(answers))
    assert creds.complete(BARE) == BARE
    assert creds.complete(BARE) == BARE.replace("zhangsan@", "zhangsan:pw@")


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////tmp/台账.sqlite3",
        "postgresql+psycopg://db.county.gov/taizhang",  # no user: peer/trust login
        "postgresql+psycopg://u:given@h/db",  # --db with a password: used as given
    ],
)
def test_urls_needing_no_password_are_untouched(url: str) -> None:
    creds = Credentials(None, ask=lambda _k: pytest.fail("must not ask"))
    assert creds.complete(url) == url


def test_a_keyring_that_refuses_falls_back_to_the_session(settings) -> None:  # type: ignore[no-untyped-def]
    class Locked(FakeKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise RuntimeError("keyring locked")

        def get_password(self, service: str, username: str) -> str | None:
            raise RuntimeError("keyring locked")

    creds = Credentials(Locked(), ask=lambda _k: pytest.fail("must not ask"))
    creds.save_url(settings, URL)
    assert settings.get(S.LEDGER_URL) == BARE
    assert creds.ledger_url(settings) == URL


def test_display_form_drops_the_password() -> None:
    assert without_password(URL) == BARE
    assert without_password("/path/ledger.sqlite3") == "/path/ledger.sqlite3"


def test_system_keyring_is_none_or_usable() -> None:
    ring = system_keyring()
    assert ring is None or callable(ring.get_password)
