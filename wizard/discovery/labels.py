"""Localized words for a suggestion, shared by the CLI and the GUI: where it came from, its encryption,
whether it answered, and what to enter as login."""

from __future__ import annotations

from wizard.core.i18n import tr
from wizard.discovery.candidate import Candidate


def source_label(candidate: Candidate) -> str:
    """ "from the provider list", "from DNS (...)", "found by trying"."""
    return tr(f"discovery.source.{candidate.source}")


def security_label(candidate: Candidate) -> str:
    return tr(f"discovery.security.{candidate.security}")


def status_label(candidate: Candidate) -> str:
    """ "answered just now", "did not answer", "not checked", or "not usable: <why>"."""
    if candidate.unusable is not None:
        return tr("discovery.status.unusable", reason=unusable_reason(candidate))
    if candidate.verified:
        return tr("discovery.status.verified")
    return tr("discovery.status.unreachable" if candidate.checked else "discovery.status.unchecked")


def login_label(candidate: Candidate) -> str:
    """The login to enter, or — where the provider issues one — a description of it."""
    if candidate.login:
        return candidate.login
    return tr(f"discovery.login.{candidate.login_form}")


def hint_text(candidate: Candidate) -> str:
    return tr(candidate.hint_id) if candidate.hint_id else ""


def unusable_reason(candidate: Candidate) -> str:
    """Why a published entry cannot be used ("" when it can)."""
    if candidate.unusable is None:
        return ""
    return tr(f"discovery.unusable.{candidate.unusable}", port=candidate.port)


def login_hint(candidate: Candidate) -> str:
    """A sentence for a suggestion whose login is not the full address ("" when it is, or is described by
    the provider's own hint): the local part, a fixed name, or no login at all."""
    if candidate.login_form in ("local-part", "literal", "none"):
        return tr(f"discovery.login_hint.{candidate.login_form}", login=candidate.login)
    return ""
