"""Answers questions about one application's accessibility tree over AT-SPI, one JSON line per question.

Run with the system Python (/usr/bin/python3), which has Debian's python3-pyatspi; the project's virtual
environment does not. Reads commands on stdin, one a line:
  focused   -> the accessible object that has the keyboard focus: role, name, labelled-by names, extents
  unnamed   -> every showing, focusable object with neither a name nor a labelled-by relation
Replies one JSON object per command on stdout. Standard library and pyatspi only.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi  # type: ignore[import-not-found]


def application(pid: int):  # type: ignore[no-untyped-def]
    """The AT-SPI application object of process `pid` (it registers a moment after its first window)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:  # an application that went away meanwhile
                continue
        time.sleep(0.2)
    raise SystemExit(f"no AT-SPI application for process {pid}")


def describe(node) -> dict[str, object]:  # type: ignore[no-untyped-def]
    labelled_by: list[str] = []
    for relation in node.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            for index in range(relation.getNTargets()):
                target = relation.getTarget(index)
                labelled_by.append(target.name if target is not None else "")
    try:
        x, y, w, h = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except NotImplementedError:
        x = y = w = h = -1
    return {
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "labelled_by": labelled_by,
        "extents": [x, y, w, h],
    }


def focused(app) -> dict[str, object] | None:  # type: ignore[no-untyped-def]
    """Depth-first through showing objects to the one whose state says FOCUSED."""
    stack = [app]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        try:
            states = node.getState()
        except Exception:
            continue
        if node is not app and not states.contains(pyatspi.STATE_SHOWING):
            continue
        if states.contains(pyatspi.STATE_FOCUSED):
            return describe(node)
        if states.contains(pyatspi.STATE_MANAGES_DESCENDANTS):
            continue  # a list or tree: its current row says FOCUSED even while the focus is elsewhere
        stack.extend(node.getChildAtIndex(i) for i in reversed(range(node.childCount)))
    return None


def unnamed(app) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    found: list[dict[str, object]] = []
    stack = [app]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        try:
            states = node.getState()
        except Exception:
            continue
        if node is not app and not states.contains(pyatspi.STATE_SHOWING):
            continue
        if states.contains(pyatspi.STATE_FOCUSABLE):
            seen = describe(node)
            if not seen["name"] and not seen["labelled_by"]:
                found.append(seen)
        if states.contains(pyatspi.STATE_MANAGES_DESCENDANTS):
            continue  # its rows are named by their text; a long list would take long to walk
        stack.extend(node.getChildAtIndex(i) for i in reversed(range(node.childCount)))
    return found


def main() -> int:
    app = application(int(sys.argv[1]))
    print(json.dumps({"ready": True, "name": app.name}), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "focused":
            print(json.dumps(focused(app)), flush=True)
        elif command == "unnamed":
            print(json.dumps(unnamed(app)), flush=True)
        elif command == "quit":
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
