"""The CLI's step names and the Test page's checklist say the same (both from the message catalogue)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from wizard.core import i18n
from wizard.probe.report import StepName
from wizard.ui.pages.test import step_label
from wizard.ui.translation import remove_translators, switch_language


@pytest.fixture
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    remove_translators(qapp)
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_cli_and_gui_name_every_probe_step_alike(qapp: QApplication, lang: str, back_to_english: None) -> None:
    switch_language(qapp, lang)
    gui = {name: step_label(name) for name in StepName}
    cli = {name: i18n.tr(f"step.{name}") for name in StepName}
    assert cli == gui
