"""The Qt wizard (SPEC §6): a QWizard face on the UI-free flow (wizard/flow/).

Seams, so the imports can be read from the top of each file:
- `app.py` starts Qt and shows `wizard.py`'s window with only the Welcome page built, with no garbage
  collection until it is painted (wizard/startup.py). Then two seams: `later_pages.py` (the other pages, which
  import the flow and the settings model) and `event_loop.py` (asyncio, qasync, the demo server, the warm-up of
  the flow's own seams). The flow itself (`wizard.flow.flow`, ~40 ms) is made on first use
  (`SetupWizard.flow`), and the Welcome page reaches the flow's helpers (`content`, `deployment_choice`) once
  it shows a file's reading. Those, Qt's translators (not for English) and the demo's environment (only with
  --demo) are the imports left inside functions here, each with its `# lazy:` reason.
- The first frame's modules (`app`, `wizard`, `style`, `widgets`, `leaving`, `mnemonic`, `context`,
  `pages/base`, `pages/welcome`) import only Qt classes the Welcome page shows. PySide builds a class, with its
  enums, when its name is first looked up (QFont, QIcon: ~2 ms each; Qt's namespace: ~150 enum classes,
  tests/ui/test_first_frame_cost.py); a class needed only later is reached through its module at the moment
  of use (`QtWidgets.QMessageBox` in `leaving.py`, `QtWidgets.QFileDialog` on Browse, `QtGui.QKeySequence` on
  a key, `QtCore.Qt` after the first frame in `style.no_tab_stop`), and what only later pages need lives in
  modules they import (`text_views.py`: text views and rich-text lists, with `Qt` and `html` at its top).
  The window's icon (QIcon) follows with the later pages; the header's logo at 1x and 2x is a QPixmap.
  The header is fitted by the window once shown; its event filter (a Python filter's first event builds
  ~50 event classes) is installed with the later pages.
  Objects Qt made itself are not asked for before the first frame (a scroll area's viewport, `findChildren`
  over the pages): PySide wraps them by searching its type graph, building dozens of classes.
- `pages/base.py` defines `PageHost`, what a page uses of its wizard; `wizard.py` builds the pages and is
  checked by mypy to be one, so no page imports the wizard back (tests/test_import_graph.py: no cycles).
- The pages show the probe and discovery only through the flow's views (`wizard.flow.content`,
  `wizard.flow.testing`), never by importing `wizard.probe` or `wizard.discovery`.
"""
