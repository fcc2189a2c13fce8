"""Database passwords: in the OS keyring, else asked once per session; never in settings.

A shared ledger URL such as `postgresql+psycopg://clerk:secret@server/taizhang` is split
before it is saved: the settings (QSettings, a plain INI/registry entry) get the URL
without the password, the password goes to the OS keyring (Windows Credential Manager,
macOS Keychain, Secret Service) under "<user>@<host>:<port>/<database>". Where no keyring
works (a bare Linux desktop, a locked-down PC) the password lives only in this process's
memory and is asked for once per session. A URL that still holds a password in the
settings (typed before this existed) is moved out on the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy.engine import URL, make_url

from desktop.environment import settings as S

log = logging.getLogger(__name__)

SERVICE = "taizhang-ledger"
# Asks the clerk for the password of the account named in the prompt; None = cancelled.
Ask = Callable[[str], str | None]


class KeyringLike(Protocol):
    def get_password(self, service: str, username: str) -> str | None: ...
    def set_password(self, service: str, username: str, password: str) -> None: ...


def system_keyring() -> KeyringLike | None:
    """The OS keyring, or None when only keyring's "fail"/null back ends are available."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception:  # keyring missing or broken: behave as "no keyring"
        log.warning("keyring unavailable", exc_info=True)
        return None
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return None
    return backend  # type: ignore[no-any-return]


def account(url: URL) -> str:
    """The keyring entry name for a database login (no password in it)."""
    return f"{url.username}@{url.host or 'localhost'}:{url.port or ''}/{url.database or ''}"


def without_password(url: str) -> str:
    """The URL as it may be shown and saved: the password removed (not masked)."""
    if "://" not in url:
        return url
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


class Credentials:
    """Where this session keeps and finds database passwords.

    `keyring` defaults to the OS keyring (None where there is none); tests pass a fake.
    """

    def __init__(self, keyring: KeyringLike | Any | None = ..., ask: Ask | None = None) -> None:
        self._keyring = keyring  # ... = look the OS keyring up on first use (slow import)
        self.ask = ask
        self._session: dict[str, str] = {}  # account -> password, this process only

    @property
    def keyring(self) -> KeyringLike | None:
        if self._keyring is ...:
            self._keyring = system_keyring()
        return self._keyring  # type: ignore[no-any-return]

    def remember(self, url: str) -> str:
        """Keep `url`'s password (keyring, else this session) and return the URL without it."""
        if "://" not in url:
            return url
        u = make_url(url)
        if u.password is None:
            return url
        key, password = account(u), str(u.password)
        self._session[key] = password
        if self.keyring is not None:
            try:
                self.keyring.set_password(SERVICE, key, password)
            except Exception:  # a keyring that refuses (locked, no D-Bus): session only
                log.warning("could not store the password in the keyring", exc_info=True)
        return without_password(url)

    def save_url(self, settings: S.Settings, url: str) -> None:
        """What the settings dialog calls instead of storing the URL as typed."""
        settings.set(S.LEDGER_URL, self.remember(url.strip()))

    def complete(self, url: str) -> str:
        """`url` with its password filled in (keyring, session, or the clerk is asked once).

        URLs without a user name (SQLite files, trust/peer logins) come back unchanged; so
        does a URL that already carries a password (e.g. `--db` on the command line).
        """
        if "://" not in url:
            return url
        u = make_url(url)
        if u.password is not None or not u.username or u.get_backend_name() == "sqlite":
            return url
        key = account(u)
        password = self._session.get(key) or self._from_keyring(key)
        if password is None and self.ask is not None:
            password = self.ask(key)
            if password:
                self.remember(u.set(password=password).render_as_string(hide_password=False))
        if not password:
            return url
        self._session[key] = password
        return u.set(password=password).render_as_string(hide_password=False)

    def ledger_url(self, settings: S.Settings, explicit: str | None = None) -> str | None:
        """The URL to open at start-up: `--db`, else the setting (moving any plain-text
        password out of the settings first), with the password filled in."""
        stored = settings.get(S.LEDGER_URL)
        if stored and stored != without_password(stored):
            self.save_url(settings, stored)  # an old plain-text password: move it out
        url = explicit or settings.get(S.LEDGER_URL) or None
        return self.complete(url) if url else None

    def retry(self, url: str) -> str | None:
        """After a failed login: forget the password `url` carried and ask the clerk again.

        Returns the URL with the new password, or None when there is no login to ask for
        (SQLite, no user name, no prompt) or the clerk cancelled.
        """
        if "://" not in url or self.ask is None:
            return None
        u = make_url(url)
        if not u.username or u.get_backend_name() == "sqlite":
            return None
        key = account(u)
        self._session.pop(key, None)
        password = self.ask(key)
        if not password:
            return None
        with_password = u.set(password=password).render_as_string(hide_password=False)
        self.remember(with_password)  # the new password replaces the wrong one
        return with_password

    def _from_keyring(self, key: str) -> str | None:
        if self.keyring is None:
            return None
        try:
            return self.keyring.get_password(SERVICE, key)
        except Exception:
            log.warning("could not read the keyring", exc_info=True)
            return None


def ask_password_dialog(key: str) -> str | None:
    """The GUI prompt: a password field naming the database login."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(
        None,
        "数据库密码",
        f"请输入共享台账数据库 {key} 的密码（本次运行期间有效）：",
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


_session: Credentials | None = None


def session() -> Credentials:
    """The one per process: "asked once per session" means once per run of the program."""
    global _session
    if _session is None:
        _session = Credentials(ask=ask_password_dialog)
    return _session
