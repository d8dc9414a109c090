"""Keys in the order they were typed, whatever the typing speed.

Textual hands a key to the widget focused when the application reads it and queues it there. A key the
widget does not take itself (Tab, Backspace, Ctrl+U, Esc) travels back up through the page to the
application, which only then runs its binding; a page busy refreshing after an edit holds it up on the way.
Typed fast, the characters after such a key are meanwhile already queued at the old field: the Tab after an
address was lost and the password landed in the address field (`bom@example.orgsecretpw`). So:

- `KeyGate` lets one key travel at a time: the next key is handed out only once the one before has been
  handled all the way up (a `KeyDone` marker sent behind it along the same path says so), so every key goes
  to the widget focused when its turn comes — where the keys before it have put the focus. A character
  typed into an input field travels no further (the field takes it, in queue order): the next key need not
  wait for it, so a burst of characters costs no round trips (bench/tui_key_order.py).
- Enter and Esc act only once the edits the keys before them caused have reached the page
  (`after_pending_keys`): the flow then holds everything typed before them.
- The keys after Enter, Esc or Ctrl+Q wait (`KeyGate.hold`) until that key has acted and the page it led to
  (the next page, an opened "Advanced" part, the question whether to quit) is on screen with its focus: typed
  fast, they went to the old page, which was leaving, and were lost.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

# A key whose marker never comes back (its widget went away with its page) holds later keys at most this long.
STUCK_AFTER = 0.5  # seconds
# Enter, Esc, Ctrl+Q hold later keys until their page is up; should a release be missed, at most this long.
HELD_AT_MOST = 5.0  # seconds


class KeysSettled(Message, bubble=True):
    """Everything queued at a widget before it has been handled and reported upwards; then `then` runs."""

    def __init__(self, then: Callable[[], Awaitable[None] | None], screen: Screen[object] | None) -> None:
        super().__init__()
        self.then = then
        self.screen = screen  # the page the key was typed on: when another page is up by now, nothing runs


class KeyDone(Message, bubble=True):
    """The key sent ahead of this marker to the same widget has been handled (and has bubbled up, if it did)."""


def after_pending_keys(widget: Widget, then: Callable[[], Awaitable[None] | None]) -> None:
    """Run `then` on the page once the keys queued at `widget` and the edits they cause (posted to the same
    queue while those keys are handled) have reached the page. Two hops: the first waits behind the queued
    keys, the second behind the change messages those keys posted; both bubble up the same parents in order."""
    widget.call_later(widget.post_message, KeysSettled(then, widget.screen))


class KeyGate:
    """One key on its way at a time (see the module's docstring); the application calls `arrived` for each
    key it reads from the terminal and `done` when a `KeyDone` reaches it."""

    def __init__(
        self, handle: Callable[[events.Key], Awaitable[Widget | None]], set_timer: Callable[..., Timer]
    ) -> None:
        """`handle` hands a key on as Textual does and returns the widget it was queued at (None: the
        application handled it itself, e.g. a priority binding)."""
        self._handle = handle
        self._set_timer = set_timer
        self._held: deque[events.Key] = deque()
        self._busy = False
        self._stuck: Timer | None = None

    async def arrived(self, key: events.Key) -> None:
        self._held.append(key)
        if not self._busy:
            await self._next()

    def hold(self) -> None:
        """Hand out no further key until `done` (the key just handled acts later, maybe on another page)."""
        if self._stuck is not None:
            self._stuck.stop()
        self._busy = True
        self._stuck = self._set_timer(HELD_AT_MOST, self.done)

    async def done(self) -> None:
        if self._stuck is not None:
            self._stuck.stop()
            self._stuck = None
        self._busy = False
        await self._next()

    async def _next(self) -> None:
        while self._held and not self._busy:
            key = self._held.popleft()
            target = await self._handle(key)
            if target is not None and target.post_message(KeyDone()):
                self._busy = True
                self._stuck = self._set_timer(STUCK_AFTER, self.done)
