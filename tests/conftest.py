"""Suite-wide set-up: Qt offscreen, English unless a test says otherwise, and the shared fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

from wizard.core import i18n

pytest_plugins = ["tests.support.smtp_fixtures"]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")
