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
