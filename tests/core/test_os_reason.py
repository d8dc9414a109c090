"""Why a file or connection failed, in the user's language: the system's English words (strerror) never
end up inside a German sentence (issue #23: "(permission denied)" in German text)."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from wizard.core import i18n
from wizard.core.atomic import read_snapshot
from wizard.core.errors import FileProblem
from wizard.core.os_reason import _KNOWN, os_reason


@pytest.fixture
def german() -> Iterator[None]:
    i18n.set_language("de")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("number", sorted(_KNOWN))
def test_every_known_cause_has_its_own_german_words(number: int, german: None) -> None:
    german_words = os_reason(OSError(number, "system words"))
    assert german_words != i18n.tr(_KNOWN[number], "en") and "system words" not in german_words


def test_an_unknown_cause_keeps_the_systems_words() -> None:
    assert os_reason(OSError(errno.ENOTEMPTY, "Directory not empty")) == "Directory not empty"


def test_a_file_that_cannot_be_read_is_said_in_german(tmp_path: Path, german: None) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(FileProblem) as caught:
        read_snapshot(blocker / "config.toml")  # a file where a folder should be: ENOTDIR from the system
    text = str(caught.value)
    assert i18n.tr("words_rev3.os.not_a_folder", "de") in text and "Not a directory" not in text
