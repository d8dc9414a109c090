"""Names and mail addresses as the standards spell them, checked by the libraries that know the rules: IDNA
2008 with the UTS #46 mapping (`idna`; RFC 5891, https://www.unicode.org/reports/tr46/) and the local part of
an address (`email-validator`; RFC 5321 §4.1.2, RFC 5322 §3.4.1, SMTPUTF8 per RFC 6531).

The core's lazy seam for them: each library loads on the first check, not when this module is imported
(email-validator alone costs ~25 ms), so the settings model and everything that imports it (the flow, the
files' readers) stay cheap for a first screen. Every part of the wizard reaches the two libraries through here.
"""

from __future__ import annotations

import functools

# A stand-in domain for checking a local part alone with email-validator (see local_part).
_STAND_IN_DOMAIN = "example.com"


class InvalidName(ValueError):
    """A name IDNA refuses; the message is the library's English reason."""


class InvalidLocalPart(ValueError):
    """A local part email-validator refuses; the message is the library's English reason (see
    `wizard.core.address_reasons` for the user's language)."""


def ascii_name(name: str) -> str:
    """`name` in its ASCII form: each label as IDNA 2008 A-label (punycode) after UTS #46 mapping, which also
    lower-cases. Raises InvalidName when IDNA refuses the name."""
    import idna  # lazy: the core's seam for idna (this module's docstring)

    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise InvalidName(str(exc)) from None


def local_part(local: str) -> str:
    """`local` (the part before `@`) as email-validator normalizes it (RFC 5321/5322 syntax, SMTPUTF8 allowed),
    checked alone: the domain is the caller's to check (email-validator would refuse special-use and
    single-label domains). Raises InvalidLocalPart."""
    from email_validator import EmailNotValidError, validate_email  # lazy: the core's seam for email-validator

    try:
        result = validate_email(f"{local}@{_STAND_IN_DOMAIN}", check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        raise InvalidLocalPart(str(exc)) from None
    return str(result.local_part)


@functools.cache
def special_use_domains() -> tuple[str, ...]:
    """IANA's special-use domain names (RFC 6761: `local`, `localhost`, `test`, `invalid`, `onion`, `arpa`) as
    email-validator lists them, lower case, without dots."""
    import email_validator  # lazy: the core's seam for email-validator

    return tuple(email_validator.SPECIAL_USE_DOMAIN_NAMES)
