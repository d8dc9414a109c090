"""The deliverability verdicts as data: one per record (SPF, DMARC, DKIM), each a status and one sentence of
advice, with the JSON form of SPEC §11. The advice is kept as a message id and its facts (catalogue
`resources/i18n/deliverability.toml`), so a face renders it in its current language."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from wizard.core.i18n import tr


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
        return {"status": str(self.status), "policy": self.policy, "record": self.record, "advice": self.advice.text(lang)}


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
        """(record name, status, advice) for SPF, DMARC and DKIM, as every face lists them."""
        return [
            ("SPF", str(self.spf.status), self.spf.advice.text(lang)),
            ("DMARC", str(self.dmarc.status), self.dmarc.advice.text(lang)),
            ("DKIM", str(self.dkim.status), self.dkim.advice.text(lang)),
        ]

    def heading(self, lang: str | None = None) -> str:
        return tr("deliverability.heading", lang, domain=self.domain or "—")
