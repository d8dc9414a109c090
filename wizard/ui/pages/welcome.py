"""Welcome: which config.toml, what it already holds, and the way out for "I have no mail server yet"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wizard.core import i18n
from wizard.core.i18n import tr
from wizard.ui.mnemonic import marked
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.widgets import Disclosure, add_row, describe, help_label, message_label, new_form, with_help

if TYPE_CHECKING:
    from wizard.core.deployment import Deployment
    from wizard.core.existing import ExistingSetup

LEGACY, CURRENT = "legacy", "current"
LANGUAGES = (("English", "en"), ("Deutsch", "de"))
DEPLOYMENT_CHOICES = ("auto", "standalone", "compose")  # DeploymentChoice values, in the combo box's order


class WelcomePage(Page):
    page_id = PageId.WELCOME

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded_for: Path | None = None
        self._problem: str | None = None

        self.demo_banner = message_label()
        self.demo_banner.setVisible(False)
        self.language = QComboBox()
        for name, code in LANGUAGES:
            self.language.addItem(name, code)  # each language in its own name: found whatever is shown now
        self.path_edit = QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        path_row = QWidget()
        row = QHBoxLayout(path_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        self.path_help = help_label()
        self.language_help = help_label()
        form = new_form()
        self.path_label = add_row(form, "", with_help(path_row, self.path_help), buddy=self.path_edit)
        self.language_label = add_row(form, "", with_help(self.language, self.language_help), buddy=self.language)
        self.language.setMaximumWidth(self.language.sizeHint().width() * 2)
        # Where the server runs (SPEC §3a): what was found, and the user's choice.
        self.deployment = QComboBox()
        for choice in DEPLOYMENT_CHOICES:
            self.deployment.addItem("", choice)  # the flow's option values
        self.deployment.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.deployment.setMaximumWidth(640)  # as wide as its longest choice (set with the texts), left-aligned
        self.deployment_help = help_label()
        self.deployment_label = add_row(
            form, "", with_help(self.deployment, self.deployment_help), buddy=self.deployment
        )
        self.compose_file = QLineEdit()
        self.compose_file_label = add_row(form, "", self.compose_file, buddy=self.compose_file)
        # Several services mounting the config folder (SPEC §12 rev 3): the flow asks which runs the server.
        self.compose_service = QComboBox()
        self.compose_service_label = add_row(form, "", self.compose_service, buddy=self.compose_service)
        self.compose_service.setVisible(False)
        self.compose_service_label.setVisible(False)
        # What was found is the help line under the choice (the page must fit 760x540 with the skip box open).
        self.deployment_status = self.deployment_help

        self.status = message_label()
        self.problem = message_label(error=True)
        self.problem.setVisible(False)

        self.skip = QCheckBox()
        self.skip_box = QGroupBox()
        self.warning = message_label(error=True)
        self.legacy = QRadioButton()
        self.current = QRadioButton()
        self.layout_group = QButtonGroup(self)
        self.layout_group.addButton(self.legacy)
        self.layout_group.addButton(self.current)
        self.legacy.setChecked(True)
        self.layout_note = message_label()
        self.version_hint = help_label()
        self.version_more = Disclosure(self.version_hint)  # how to find the server's version
        box = QVBoxLayout(self.skip_box)
        box.addWidget(self.warning)
        box.addWidget(self.legacy)
        box.addWidget(self.current)
        box.addWidget(self.layout_note)
        box.addWidget(self.version_more)
        self.skip_box.setVisible(False)
        self.skip.toggled.connect(self._skip_toggled)
        self.current.toggled.connect(self._layout_chosen)

        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_banner)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)
        layout.addWidget(self.skip)
        layout.addWidget(self.skip_box)
        layout.addStretch(1)
        self.retranslate()
        self.language.currentIndexChanged.connect(self._language_chosen)
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(250)  # typing a path: read the file once the user pauses
        self._reload.timeout.connect(self.load)
        self.path_edit.textChanged.connect(self._path_edited)
        self.deployment.currentIndexChanged.connect(self._deployment_chosen)
        self.compose_file.textChanged.connect(self._path_edited)
        self.compose_service.currentIndexChanged.connect(self._service_chosen)
        self._show_compose_file_row()

    def first_field(self) -> QWidget | None:
        return self.path_edit

    def field_widget(self, name: str) -> QWidget | None:
        fields = {"config_path": self.path_edit, "language": self.language, "skip": self.skip}
        fields.update(deployment=self.deployment, compose_file=self.compose_file)  # the flow's layout choice
        fields.update(compose_service=self.compose_service)
        return fields.get(name)

    def choice_widgets(self, name: str) -> dict[str, QAbstractButton]:
        return {LEGACY: self.legacy, CURRENT: self.current} if name == "layout" else {}

    def retranslate(self) -> None:
        """Every text of the page, in the current language: at start and after a language switch. The words
        are the flow's (its catalogue ids for this page), shown before the flow itself is made."""
        self.setTitle(tr("flow.welcome.title"))
        self.setSubTitle(tr("flow.welcome.subtitle"))
        self.path_label.setText(marked(tr("flow.welcome.config_path") + ":", "config_path"))
        self.path_edit.setAccessibleName(tr("flow.welcome.config_path"))
        self.browse.setText(self.tr("B&rowse…"))
        self.browse.setAccessibleName(self.tr("Choose the configuration file"))
        self.language_label.setText(marked(tr("flow.welcome.language") + ":", "language"))
        self.language.setAccessibleName(tr("flow.welcome.language"))
        describe(
            self.path_edit,
            self.path_help,
            tr("flow.welcome.config_path_help"),
            self.tr(
                "The wizard reads this file, shows you every change before writing, and changes only the "
                "[smtp] section (or, if you choose, the switch for user verification). The password goes "
                "into a .env file in the same folder."
            ),
        )
        describe(
            self.language,
            self.language_help,
            tr("flow.welcome.language_help"),
            self.tr("Switches every text of the wizard between English and German. What you entered stays."),
        )
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.language.blockSignals(False)
        self.status.setAccessibleName(self.tr("What exists already"))
        self.skip.setText(marked(tr("flow.welcome.skip"), "skip"))
        self.skip.setToolTip(tr("flow.welcome.skip_help"))
        self.skip_box.setTitle(tr("flow.welcome.layout"))
        self.warning.setText(tr("flow.welcome.skip_warning"))
        self.legacy.setText(marked(tr("flow.welcome.layout_legacy"), "layout.legacy"))
        self.current.setText(marked(tr("flow.welcome.layout_current"), "layout.current"))
        self.deployment_label.setText(marked(tr("flow.welcome.deployment") + ":", "deployment"))
        self.deployment.setToolTip(tr("deployment.gui.deployment_help"))
        self.deployment.setAccessibleName(i18n.tr("deployment.gui.deployment_name"))
        for index, choice in enumerate(DEPLOYMENT_CHOICES):
            self.deployment.setItemText(index, i18n.tr(f"deployment.gui.choice_{choice}"))
        self.deployment.setMaximumWidth(self.deployment.sizeHint().width())
        describe(
            self.deployment,
            self.deployment_help,
            i18n.tr("deployment.gui.deployment_help"),
            i18n.tr("deployment.gui.deployment_whats_this"),
        )
        self.deployment_help.setWordWrap(True)
        self.compose_file_label.setText(marked(tr("flow.welcome.compose_file") + ":", "compose_file"))
        self.compose_file.setToolTip(tr("flow.welcome.compose_file_help"))
        self.compose_file.setAccessibleName(i18n.tr("deployment.gui.compose_file_name"))
        self.compose_file.setPlaceholderText(i18n.tr("deployment.gui.compose_file_placeholder"))
        self.compose_service_label.setText(tr("compose_engine.flow.service") + ":")
        self.compose_service.setToolTip(tr("compose_engine.flow.service_help"))
        self.compose_service.setAccessibleName(tr("compose_engine.flow.service"))
        if self.wizard() is not None:
            self._show_demo()
        if self.wizard() is not None and self.wiz().flow_if_made is not None:
            self.show_flow()

    def _language_chosen(self) -> None:
        self.wiz().switch_language(str(self.language.currentData()))

    def _ready(self) -> bool:
        """Whether the flow may be asked: the rest of the wizard is built (not before the first window)."""
        return self.wizard() is not None and self.wiz().pages_ready

    def _skip_toggled(self, on: bool) -> None:
        self.skip_box.setVisible(on)
        if self._ready():
            self.flow.set("skip", on)
            self.completeChanged.emit()

    def _layout_chosen(self) -> None:
        if self._ready():
            self.flow.set("layout", self.layout_choice())

    # -- what the rest of the wizard asks ---------------------------------------------------------

    def config_path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def skipping(self) -> bool:
        return self.skip.isChecked()

    def layout_choice(self) -> str:
        return CURRENT if self.current.isChecked() else LEGACY

    def deployment_choice(self) -> str:
        """ "auto", "standalone" or "compose" (DeploymentChoice values)."""
        return DEPLOYMENT_CHOICES[max(0, self.deployment.currentIndex())]

    def compose_file_choice(self) -> Path | None:
        text = self.compose_file.text().strip()
        return Path(text).expanduser() if text else None

    # -- behaviour ---------------------------------------------------------------------------------

    def _show_demo(self) -> None:
        demo = self.ctx.demo  # the flow says the same (its Welcome message); shown before the flow is made
        if demo is not None:
            self.demo_banner.setText(tr("flow.welcome.demo", folder=str(demo.folder)) + "\n" + demo.login_words())
            self.demo_banner.setVisible(True)

    def initializePage(self) -> None:
        self._show_demo()
        if self._loaded_for is None:
            self.status.setText(self.tr("Reading the configuration…"))
            # Reading the file imports tomlkit: the wizard does it once the first window is on screen.

    def _path_edited(self) -> None:
        self._loaded_for = None
        self.completeChanged.emit()
        if self.wizard() is not None and self.wiz().pages_ready:
            self._reload.start()

    def _deployment_chosen(self) -> None:
        self._show_compose_file_row()
        self._path_edited()

    def _show_compose_file_row(self) -> None:
        shown = self.deployment_choice() == "compose"
        self.compose_file.setVisible(shown)
        self.compose_file_label.setVisible(shown)

    def _show_deployment(self, deployment: Deployment) -> None:
        lead = i18n.tr("deployment.gui.found" if deployment.detected else "deployment.gui.chosen")
        text = f"{lead} {deployment.describe(short=True)}"
        if deployment.compose is not None or deployment.considered:  # read by Compose itself, or not verified
            text += " " + deployment.verification()
        self._deployment_line(text)

    def _service_chosen(self) -> None:
        name = self.compose_service.currentData()
        if self._ready() and name:
            self.flow.set("compose_service", str(name))  # detects again with that service
            self.show_flow()
            self.completeChanged.emit()

    def _show_services(self) -> None:
        """The services to choose from when several mount the config folder (none chosen yet: empty)."""
        # lazy: the flow's layout choice (its answers model) after the first frame
        from wizard.flow.deployment_choice import service_question

        flow = self.flow
        shown = bool(flow.service_candidates)
        self.compose_service.setVisible(shown)
        self.compose_service_label.setVisible(shown)
        if not shown:
            return
        question = service_question(flow, None)
        self.compose_service.blockSignals(True)
        self.compose_service.clear()
        if not question.value:
            self.compose_service.addItem("", "")
        for option in question.options:
            self.compose_service.addItem(option.label, option.value)
        self.compose_service.setCurrentIndex(max(0, self.compose_service.findData(question.value)))
        self.compose_service.blockSignals(False)

    def _deployment_line(self, text: str) -> None:
        """The help line under the layout choice, and (as everywhere) the same text for screen readers."""
        self.deployment_status.setText(text)
        self.deployment_status.setVisible(True)
        self.deployment.setAccessibleDescription(text)

    def _browse(self) -> None:
        start = str(self.config_path().parent)
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self,
            self.tr("Choose config.toml"),
            start,
            self.tr("TOML files (*.toml);;All files (*)"),
            options=QtWidgets.QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.path_edit.setText(name)
            self.load()

    def load(self) -> None:
        """Read the chosen config.toml and the .env next to it (the flow's `load()`, which also detects the
        deployment layout); show what exists or what is wrong."""

        self._reload.stop()
        flow = self.flow
        text = self.path_edit.text().strip()
        wanted = (
            ("deployment", self.deployment_choice()),  # the user's layout choice: the flow detects with it
            ("compose_file", self.compose_file.text().strip()),
            ("config_path", text),
        )
        changed = [name for name, value in wanted if flow.value(name) != value]
        for name in changed:
            flow.set(name, dict(wanted)[name])  # reads the files again
        if not changed:
            flow.load()
        if flow.value("config_path") != text:  # a folder was given: its config.toml
            self.path_edit.blockSignals(True)
            self.path_edit.setText(str(flow.value("config_path")))
            self.path_edit.blockSignals(False)
        self._loaded_for = flow.config_path
        self.show_flow()
        self.completeChanged.emit()

    def show_flow(self) -> None:
        """What the chosen file holds, the layout found, the problem, the skip path's layout: the flow's."""
        # lazy: the flow's content (the settings model, the questions, asyncio, ssl: ~40 ms) after the first frame
        from wizard.flow.content import describe_existing

        flow = self.flow
        self._deployment_line(i18n.tr("deployment.gui.deployment_help"))
        if flow.deployment is not None:
            self._show_deployment(flow.deployment)
        self._show_problem(flow.load_problem or flow.deployment_problem)  # a chosen layout the files do not fit
        self._show_services()
        if flow.load_problem is None:
            self.status.setText("\n".join(describe_existing(flow)))
        if flow.existing is not None:
            self._show_layout(flow.existing)

    def _show_problem(self, text: str | None) -> None:
        self._problem = text
        self.problem.setText(text or "")
        self.problem.setVisible(bool(text))
        if text:
            self.status.setText("")

    def _show_layout(self, existing: ExistingSetup) -> None:
        layout = self.flow.answers.layout if self._ready() else str(existing.layout)
        self.current.blockSignals(True)
        (self.current if layout == CURRENT else self.legacy).setChecked(True)
        self.current.blockSignals(False)
        self.layout_note.setText(
            i18n.tr(
                "flow.welcome.layout_detected" if existing.layout_detected else "flow.welcome.layout_guess",
                config=existing.config_path.name,
            )
        )
        self.version_hint.setText(i18n.tr("words_rev3.version_hint"))
        self.version_more.set_title(marked(i18n.tr("words_rev3.version_more"), "more.version"))

    def isComplete(self) -> bool:
        if self._ready() and self._reload.isActive():
            # a path typed, read when the user pauses: Next (an Enter typed right after the path) reads it now
            return bool(self.path_edit.text().strip())
        return self._ready() and self._loaded_for is not None and super().isComplete()

    def validatePage(self) -> bool:
        if self._ready() and self._reload.isActive():
            self.load()  # the path typed just now, before the flow judges the page
        return super().validatePage()

    def nextId(self) -> int:
        if not self._ready():
            return int(PageId.SENDER)
        return super().nextId()
