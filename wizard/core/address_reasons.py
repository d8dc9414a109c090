"""email-validator's reasons (English prose) mapped to the catalogue by their kind, so a refused address is
explained in the user's language. The library's wording varies by version; its kinds do not, so the mapping
goes by the words that name the kind (period, quoting, too long, …) and keeps only what is language-free:
the characters it names (`SPACE`, `','`, `U+0001`)."""

from __future__ import annotations

from wizard.core.i18n import tr

# (words in the reason, lower-cased; catalogue id) — first match wins, so the specific kinds come first.
_KINDS = (
    (("unsafe character",), "validation.reason.characters"),
    (("invalid character",), "validation.reason.characters"),
    (("period",), "validation.reason.dots"),
    (("too long",), "validation.reason.too_long"),
    (("quot",), "validation.reason.quoted"),
    (("internationalized", "not valid ascii"), "validation.reason.non_ascii"),
    (("display name", "angle bracket"), "validation.reason.display_name"),
    (("must have an @",), "validation.reason.no_at"),
    (("something before", "something after", "anything after"), "validation.reason.empty_part"),
    (("after the @-sign",), "validation.reason.domain"),
)


def localized_reason(reason: str) -> str:
    """The catalogue's text for the kind of `reason` (an email-validator message), in the current language.
    A reason of an unknown kind gets the general text: never the library's English."""
    lowered = reason.lower()
    for words, message_id in _KINDS:
        if any(word in lowered for word in words):
            if message_id == "validation.reason.characters":
                named = reason.partition(":")[2].strip().rstrip(".")
                return tr(message_id + ("_named" if named else ""), characters=named)
            return tr(message_id)
    return tr("validation.reason.other")
