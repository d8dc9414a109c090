"""The pages of the wizard and the order they come in; every face shows the same ones (SPEC §6, §10)."""

from __future__ import annotations

from enum import StrEnum


class PageId(StrEnum):
    WELCOME = "welcome"  # which config.toml, what exists, language, "I have no mail server yet"
    ACCOUNT = "account"  # the address (the login, SPEC §2 rev 2); on the quick path also the password
    SERVER = "server"  # host and port, suggestions, or a relay on this machine or network
    SECURITY = "security"  # implicit TLS, STARTTLS or none
    SECRET = "secret"  # password or API key: new, keep the stored one, or none; the variable name
    TEST = "test"  # the live probe
    SUMMARY = "summary"  # what will be written; Next writes
    DONE = "done"  # what was written and what to do next


# The full route in order (the quick path leaves out Server, Security and Secret).
FULL_ROUTE = (
    PageId.WELCOME,
    PageId.ACCOUNT,
    PageId.SERVER,
    PageId.SECURITY,
    PageId.SECRET,
    PageId.TEST,
    PageId.SUMMARY,
    PageId.DONE,
)


def next_page(page: PageId, *, skip: bool = False, relay: bool = False, quick: bool = False) -> PageId | None:
    """Where Next leads from `page` (SPEC §6): "no mail server yet" goes from Welcome straight to the
    Summary; the quick path (`quick`: a server is known already) goes from Account straight to the Test; a
    relay needs no Security page. None after Done. Every face follows this one table."""
    if page is PageId.WELCOME:
        return PageId.SUMMARY if skip else PageId.ACCOUNT
    if page is PageId.ACCOUNT:
        return PageId.TEST if quick else PageId.SERVER
    if page is PageId.SERVER:
        return PageId.SECRET if relay else PageId.SECURITY
    following = {
        PageId.SECURITY: PageId.SECRET,
        PageId.SECRET: PageId.TEST,
        PageId.TEST: PageId.SUMMARY,
        PageId.SUMMARY: PageId.DONE,
    }
    return following.get(page)
