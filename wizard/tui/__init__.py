"""The terminal wizard (SPEC §10): a Textual face on the UI-free flow (wizard/flow/).

`app.py` is the application (keys, moving between pages, start and end); `screens.py` the page screens, which
know the application only as `ScreenHost` (the three moves they ask of it; `app.py` is checked by mypy to be
one), so no screen imports the application back. Every import stands at the top of its file except the demo's
environment (only with --demo): the first screen's cost is the flow's (its two seams, wizard/flow/services.py
and wizard/flow/files.py, keep the probe, discovery, the files' readers and the later pages' views out of it;
tests/tui/test_first_screen_imports.py). The first page is put up with no work it does not show: laid out at
one size, no widget showing nothing, no garbage collection until it is up (wizard/startup.py;
tests/tui/test_first_screen_work.py; bench/startup.py times it).
"""
