"""Users, roles and passwords. Every write path asks ``authorize`` first."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from assistant.review.states import Action

ROLES = {
    "sachbearbeitung": "Sachbearbeitung",
    "freigabe": "Freigabe",
    "kb_redaktion": "KB-Redaktion",
    "evaluation": "Evaluation",
    "admin": "Admin",
    "fachbereich": "Fachbereich",  # department staff: see and answer only the questions assigned to them
}

# Which role an action needs. Reading inquiries, answers and an inquiry's own audit events is open to
# every logged-in user; the whole audit trail (logins included) and the ratings are not.
PERMISSIONS: dict[str, set[str]] = {  # Action keys; a plain string finds them too
    Action.INQUIRY_CREATE: {"sachbearbeitung"},
    Action.ANSWER_EDIT: {"sachbearbeitung"},
    Action.ANSWER_SUBMIT: {"sachbearbeitung"},
    Action.ANSWER_APPROVE: {"freigabe"},
    Action.ANSWER_REJECT: {"freigabe"},
    Action.ANSWER_ASSIGN: {"sachbearbeitung", "freigabe"},
    Action.MEMORY_IMPORT: {"kb_redaktion", "admin"},
    Action.INPUT_SUPPLY: {"fachbereich", "sachbearbeitung"},
    Action.INQUIRY_READ: {"sachbearbeitung", "freigabe", "kb_redaktion", "evaluation", "admin"},
    Action.INQUIRY_RELEASE: {"freigabe"},
    Action.KB_EDIT: {"kb_redaktion"},
    Action.KB_REINDEX: {"kb_redaktion"},
    Action.EVAL_SCORE: {"evaluation"},
    Action.AUDIT_EXPORT: {"freigabe", "admin"},
    Action.AUDIT_READ: {"freigabe", "admin"},
    Action.RATINGS_EXPORT: {"evaluation", "admin"},
}

# What users read about each action (German).
ACTION_LABEL: dict[str, str] = {
    Action.INQUIRY_CREATE: "Anfrage anlegen",
    Action.ANSWER_EDIT: "Antwort bearbeiten",
    Action.ANSWER_SUBMIT: "zur Prüfung geben",
    Action.ANSWER_APPROVE: "Antwort freigeben",
    Action.ANSWER_REJECT: "Antwort zurückweisen",
    Action.ANSWER_ASSIGN: "Zuständigkeit festlegen",
    Action.MEMORY_IMPORT: "frühere Antworten importieren",
    Action.INPUT_SUPPLY: "Zuarbeit liefern",
    Action.INQUIRY_READ: "Anfragen lesen",
    Action.INQUIRY_RELEASE: "Antwortschreiben freigeben",
    Action.KB_EDIT: "Wissensbasis ändern",
    Action.KB_REINDEX: "Wissensbasis neu indizieren",
    Action.EVAL_SCORE: "Entwürfe bewerten",
    Action.AUDIT_EXPORT: "Protokoll exportieren",
    Action.AUDIT_READ: "gesamtes Protokoll lesen",
    Action.RATINGS_EXPORT: "Bewertungen exportieren",
}

# Who can be made responsible for an answer: people who may edit it, and department staff (Zuarbeit).
ASSIGNABLE_ROLES = PERMISSIONS[Action.ANSWER_EDIT] | {"fachbereich"}

_N, _R, _P = 2**14, 8, 1  # scrypt cost (RFC 7914 interactive-login parameters)


@dataclass(frozen=True)
class Actor:
    """The logged-in user as the workflow sees it."""

    name: str
    roles: frozenset[str]
    display_name: str = ""
    department: str = ""  # the department id (FB20) of department staff

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
