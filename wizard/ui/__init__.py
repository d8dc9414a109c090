"""The Qt wizard (SPEC §6): a QWizard face on the UI-free flow (wizard/flow/).

Seams, so the imports can be read from the top of each file:
- `app.py` starts Qt and shows `wizard.py`'s window with only the Welcome page built; the later pages, the
  flow (`wizard.flow.flow`, the settings model), asyncio and qasync are imported once that window is painted.
  Those are the imports left inside functions here, each with its `# lazy:` reason; naming `Qt` from
  PySide6.QtCore builds Qt's whole namespace, so `style.py` and `widgets.py` name it only after the first frame
  (tests/ui/test_first_frame_cost.py).
- `pages/base.py` defines `PageHost`, what a page uses of its wizard; `wizard.py` builds the pages and is
  checked by mypy to be one, so no page imports the wizard back (tests/test_import_graph.py: no cycles).
- The pages show the probe and discovery only through the flow's views (`wizard.flow.content`,
  `wizard.flow.testing`), never by importing `wizard.probe` or `wizard.discovery`.
"""
