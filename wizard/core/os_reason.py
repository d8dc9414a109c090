"""Why a file operation failed, in the user's language. The system's own words (`strerror`) are English
whatever the language, so a German sentence ended in "(permission denied)"; the usual causes have catalogue
texts, any other keeps the system's words (better than nothing, and still correct)."""

from __future__ import annotations

import errno
import os

from wizard.core.i18n import tr

# errno → catalogue id; the errno names are POSIX (https://pubs.opengroup.org/onlinepubs/9799919799/basedefs/errno.h.html)
_KNOWN = {
    errno.EACCES: "words_rev3.os.permission",
    errno.EPERM: "words_rev3.os.permission",
    errno.ENOENT: "words_rev3.os.missing",
    errno.ENOTDIR: "words_rev3.os.not_a_folder",
    errno.EISDIR: "words_rev3.os.is_a_folder",
    errno.ENOSPC: "words_rev3.os.no_space",
    errno.EDQUOT: "words_rev3.os.quota",
    errno.EROFS: "words_rev3.os.read_only",
    errno.EBUSY: "words_rev3.os.busy",
    errno.EEXIST: "words_rev3.os.exists",
    errno.ELOOP: "words_rev3.os.loop",
    errno.ENAMETOOLONG: "words_rev3.os.name_too_long",
    errno.EIO: "words_rev3.os.io",
    errno.ECONNREFUSED: "words_rev3.os.refused",
    errno.ECONNRESET: "words_rev3.os.reset",
    errno.ETIMEDOUT: "words_rev3.os.timed_out",
    errno.EHOSTUNREACH: "words_rev3.os.host_unreachable",
    errno.ENETUNREACH: "words_rev3.os.network_unreachable",
    errno.EADDRNOTAVAIL: "words_rev3.os.address_not_available",
}


def os_reason(exc: OSError) -> str:
    """The cause of `exc` (a file or socket error) as a short phrase in the current language, for
    "… ({reason})" and "…: {reason}" in a message."""
    msg_id = _KNOWN.get(exc.errno) if exc.errno is not None else None
    if msg_id is not None:
        return tr(msg_id)
    if exc.errno:  # the system's words for the number (asyncio's own strerror may hold a tuple repr)
        return os.strerror(exc.errno)
    return exc.strerror or str(exc)
