"""Which Qt platform plugin the environment chooses, and whether it needs a display server to answer.

Standard library only and without sockets: the plain GUI start asks this before anything else, and only a
platform that talks to a display server (X11 through xcb, Wayland) has the display checked
(`display_check`, which opens sockets).
"""

from __future__ import annotations

from collections.abc import Mapping

# Qt platform plugins that connect to a display server (https://doc.qt.io/qt-6/qpa.html); offscreen, vnc,
# eglfs, linuxfb, minimal, ... need none.
DISPLAY_SERVER_PLATFORMS = ("xcb", "wayland", "wayland-egl")


def platform_named(environ: Mapping[str, str]) -> str:
    """The plugin QT_QPA_PLATFORM names, without its options (`vnc:size=800x600` → `vnc`); "" when unset."""
    return environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip()


def needs_display_server(environ: Mapping[str, str]) -> bool:
    """False when QT_QPA_PLATFORM names a plugin that needs no display server; True otherwise (also when
    unset: Qt then picks xcb or wayland from DISPLAY / WAYLAND_DISPLAY)."""
    platform = platform_named(environ)
    return not platform or platform in DISPLAY_SERVER_PLATFORMS
