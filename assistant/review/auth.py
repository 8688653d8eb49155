"""Users, roles and passwords. Every write path asks ``authorize`` first."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

ROLES = {
    "sachbearbeitung": "Sachbearbeitung",
    "freigabe": "Freigabe",
    "kb_redaktion": "KB-Redaktion",
    "evaluation": "Evaluation",
    "admin": "Admin",
}

# Which role an action needs. Reading inquiries, answers and an inquiry's own audit events is open to
# every logged-in user; the whole audit trail (logins included) and the ratings are not.
PERMISSIONS = {
    "inquiry.create": {"sachbearbeitung"},
    "answer.edit": {"sachbearbeitung"},
    "answer.submit": {"sachbearbeitung"},
    "answer.approve": {"freigabe"},
    "answer.reject": {"freigabe"},
    "inquiry.release": {"freigabe"},
    "kb.edit": {"kb_redaktion"},
    "kb.reindex": {"kb_redaktion"},
    "eval.score": {"evaluation"},
    "audit.export": {"freigabe", "admin"},
    "audit.read": {"freigabe", "admin"},
    "ratings.export": {"evaluation", "admin"},
}

# What users read about each action (German).
ACTION_LABEL = {
    "inquiry.create": "Anfrage anlegen",
    "answer.edit": "Antwort bearbeiten",
    "answer.submit": "zur Prüfung geben",
    "answer.approve": "Antwort freigeben",
    "answer.reject": "Antwort zurückweisen",
    "inquiry.release": "Antwortschreiben freigeben",
    "kb.edit": "Wissensbasis ändern",
    "kb.reindex": "Wissensbasis neu indizieren",
    "eval.score": "Entwürfe bewerten",
    "audit.export": "Protokoll exportieren",
    "audit.read": "gesamtes Protokoll lesen",
    "ratings.export": "Bewertungen exportieren",
}

_N, _R, _P = 2**14, 8, 1  # scrypt cost (RFC 7914 interactive-login parameters)


@dataclass(frozen=True)
class Actor:
    """The logged-in user as the workflow sees it."""

    name: str
    roles: frozenset[str]
    display_name: str = ""

    def can(self, action: str) -> bool:
        return bool(self.roles & PERMISSIONS[action])

    @property
    def label(self) -> str:
        return self.display_name or self.name


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(candidate.hex(), digest)


def parse_roles(text: str) -> frozenset[str]:
    """Role keys from 'sachbearbeitung, freigabe' or the German labels; unknown ones are an error."""
    by_label = {label.lower(): key for key, label in ROLES.items()}
    found = set()
    for part in (p.strip().lower() for p in text.split(",")):
        if not part:
            continue
        key = part if part in ROLES else by_label.get(part)
        if key is None:
            raise ValueError(f"unbekannte Rolle '{part}' (möglich: {', '.join(ROLES)})")
        found.add(key)
    return frozenset(found)
