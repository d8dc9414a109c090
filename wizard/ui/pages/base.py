"""What every page needs from the wizard: the shared context and typed access to the other pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractButton, QWidget, QWizardPage

if TYPE_CHECKING:
    from wizard.ui.context import WizardContext
    from wizard.ui.wizard import SetupWizard


class Page(QWizardPage):
    """Base of the wizard's pages. Going Back keeps every value: QWizard's default `cleanupPage` would reset
    the page's fields, so it is replaced by a no-op (pages that run work stop it in their own override)."""

    def cleanupPage(self) -> None:
        pass

    def first_field(self) -> QWidget | None:
        """Where typing goes on arrival (SPEC §6 rev 2: the first field focused); None: the wizard's Next."""
        return None

    def arrival_focus(self) -> QWidget | None:
        """The widget focused when the page is shown: the first field, else the checked choice, else the
        wizard's Next (or commit/Finish) button, so Enter and Space do what the page is for."""
        field = self.first_field()
        if field is not None and field.isVisibleTo(self) and field.isEnabled():
            return field
        from PySide6.QtWidgets import QWizard

        wizard = self.wizard()
        if wizard is None:
            return None
        for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton):
            button: QAbstractButton = wizard.button(which)
            if button.isVisible() and button.isEnabled():
                return button
        return None

    def wiz(self) -> SetupWizard:
        from wizard.ui.wizard import SetupWizard

        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard

    @property
    def ctx(self) -> WizardContext:
        return self.wiz().ctx
