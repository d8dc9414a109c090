"""What every page needs from the wizard: the shared context and typed access to the other pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWizardPage

if TYPE_CHECKING:
    from wizard.ui.context import WizardContext
    from wizard.ui.wizard import SetupWizard


class Page(QWizardPage):
    """Base of the wizard's pages. Going Back keeps every value: QWizard's default `cleanupPage` would reset
    the page's fields, so it is replaced by a no-op (pages that run work stop it in their own override)."""

    def cleanupPage(self) -> None:
        pass

    def wiz(self) -> SetupWizard:
        from wizard.ui.wizard import SetupWizard

        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard

    @property
    def ctx(self) -> WizardContext:
        return self.wiz().ctx
