"""The deliverability verdicts as data: one per record (SPF, DMARC, DKIM), each a status and one sentence of
advice, with the JSON form of SPEC §11. The advice is kept as a message id and its facts (catalogue
`resources/i18n/deliverability.toml`), so a face renders it in its current language."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from wizard.core.i18n import tr
from wizard.core.settings import is_address


class SpfStatus(StrEnum):
    # RFC 7208 §2.6 results, plus not_checked (SPEC §11)
    PASS = "pass"
    FAIL = "fail"
    SOFTFAIL = "softfail"
    NEUTRAL = "neutral"
    NONE = "none"
    PERMERROR = "permerror"
    TEMPERROR = "temperror"
    NOT_CHECKED = "not_checked"


class DmarcStatus(StrEnum):
    PRESENT = "present"
    MISSING = "missing"
    ERROR = "error"
    NOT_CHECKED = "not_checked"


class DkimStatus(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    UNKNOWN_SELECTOR = "unknown_selector"
    NOT_CHECKED = "not_checked"


Params = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Advice:
    """One sentence: `deliverability.<key>` filled with `params`."""

    key: str
    params: Params = ()

    def text(self, lang: str | None = None) -> str:
        return tr(f"deliverability.{self.key}", lang, **dict(self.params))


@dataclass(frozen=True)
class SpfVerdict:
    status: SpfStatus
    advice: Advice
    record: str | None = None
    estimate: bool = False  # judged for the submission host's addresses, not the relay's outgoing ones

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "status": str(self.status),
            "record": self.record,
            "estimate": self.estimate,
            "advice": self.advice.text(lang),
        }


@dataclass(frozen=True)
class DmarcVerdict:
    status: DmarcStatus
    advice: Advice
    policy: str | None = None  # none | quarantine | reject: the one that applies to the sender's domain
    record: str | None = None
    aligned: bool | None = None  # can SPF alignment hold with `user` as From; None when not known

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "status": str(self.status),
            "policy": self.policy,
            "record": self.record,
            "advice": self.advice.text(lang),
        }


@dataclass(frozen=True)
class DkimVerdict:
    status: DkimStatus
    advice: Advice
    selectors: tuple[str, ...] = ()  # found: where keys were found; otherwise the selectors asked

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {"status": str(self.status), "selectors": list(self.selectors), "advice": self.advice.text(lang)}


@dataclass(frozen=True)
class Deliverability:
    """The three verdicts for the sender's domain (`domain`, "" when the sender has none)."""

    domain: str
    spf: SpfVerdict
    dmarc: DmarcVerdict
    dkim: DkimVerdict
    lookups_ms: float = field(default=0.0, compare=False)  # how long the lookups ran after the test ended
    dns_server: str = ""  # an injected DNS server that is not loopback (SMTP_WIZARD_DNS_SERVER), else ""

    @classmethod
    def not_checked(cls, domain: str, reason: Advice) -> Deliverability:
        """Nothing looked up: every record `not_checked`, with `reason` as its advice."""
        return cls(
            domain=domain,
            spf=SpfVerdict(SpfStatus.NOT_CHECKED, reason),
            dmarc=DmarcVerdict(DmarcStatus.NOT_CHECKED, reason),
            dkim=DkimVerdict(DkimStatus.NOT_CHECKED, reason),
        )

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """SPEC §11's `"deliverability"` object."""
        return {
            "domain": self.domain,
            "spf": self.spf.to_json(lang),
            "dmarc": self.dmarc.to_json(lang),
            "dkim": self.dkim.to_json(lang),
        }

    def rows(self, lang: str | None = None) -> list[tuple[str, str, str]]:
        """(record name, status as shown, advice) for SPF, DMARC and DKIM, as every face lists them. The
        status is the protocol's word (RFC 7208 results, SPEC §11), with the SPF estimate and the DMARC
        policy named beside it."""
        spf = str(self.spf.status)
        if self.spf.estimate:
            spf += f" ({tr('deliverability.estimate', lang)})"
        dmarc = str(self.dmarc.status) + (f" (p={self.dmarc.policy})" if self.dmarc.policy else "")
        return [
            ("SPF", spf, self.spf.advice.text(lang)),
            ("DMARC", dmarc, self.dmarc.advice.text(lang)),
            ("DKIM", str(self.dkim.status), self.dkim.advice.text(lang)),
        ]

    def lines(self, lang: str | None = None) -> list[str]:
        """The heading, then one line per record: `SPF — pass (estimate): advice`; last, the DNS server asked
        when a non-loopback one was injected (SMTP_WIZARD_DNS_SERVER is a test hook and never acts unseen)."""
        lines = [self.heading(lang)] + [f"{name} — {status}: {advice}" for name, status, advice in self.rows(lang)]
        if self.dns_server:
            lines.append(tr("deliverability.dns_server", lang, server=self.dns_server))
        return lines

    @property
    def checked(self) -> bool:
        """Whether anything was looked up (False: every record not_checked, for one reason)."""
        return not (
            self.spf.status is SpfStatus.NOT_CHECKED
            and self.dmarc.status is DmarcStatus.NOT_CHECKED
            and self.dkim.status is DkimStatus.NOT_CHECKED
        )

    def heading(self, lang: str | None = None) -> str:
        return tr("deliverability.heading", lang, domain=self.domain or "—")


def sender_domain(user: str) -> str:
    """The domain of the `user` address (the server's sender), "" when `user` is no address."""
    return user.rpartition("@")[2].lower().rstrip(".") if is_address(user) else ""


def untested(user: str) -> Deliverability:
    """The verdicts where no test ran (or none passed): every record not_checked, saying so."""
    return Deliverability.not_checked(sender_domain(user), Advice("not_checked.no_pass"))
