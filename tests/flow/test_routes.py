"""Where Next and Back lead: the quick path, the full route, the relay short cut and the skip path."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.flow import Flow, FlowError, PageId


def _flow(tmp_path: Path, **options: object) -> Flow:
    return Flow(tmp_path / "config.toml", **options)  # type: ignore[arg-type]


def test_a_new_config_starts_on_welcome_with_nothing_read_wrong(tmp_path: Path) -> None:
    flow = _flow(tmp_path)
    assert flow.page is PageId.WELCOME
    assert flow.load_problem is None and flow.existing is not None and not flow.existing.config_exists
    assert flow.can_advance()


def test_quick_path_goes_from_account_straight_to_the_test_for_a_table_provider(tmp_path: Path) -> None:
    flow = _flow(tmp_path)
    assert flow.advance() is PageId.ACCOUNT
    flow.set("user", "bom@gmail.com")
    flow.set("secret", "app-password")
    assert "Gmail" in " ".join(m.text for m in flow.messages())
    assert flow.advance() is PageId.TEST
    assert (flow.answers.host, flow.answers.port, flow.answers.security) == ("smtp.gmail.com", "465", "smtps")
    assert flow.answers.secret_source == "new"


def test_quick_path_without_a_known_server_goes_through_server_security_secret(tmp_path: Path) -> None:
    flow = _flow(tmp_path)
    flow.advance()
    flow.set("user", "bom@unknown-domain.example")
    assert flow.advance() is PageId.SERVER
    flow.set("host", "mail.unknown-domain.example")
    flow.set("port", "587")
    assert flow.advance() is PageId.SECURITY
    assert flow.answers.security == "starttls"  # chosen from the port, never an invalid preselection
    assert flow.advance() is PageId.SECRET
    flow.set("secret", "pw")
    assert flow.advance() is PageId.TEST


def test_full_route_when_quick_is_off(tmp_path: Path) -> None:
    flow = _flow(tmp_path, quick=False)
    flow.advance()
    flow.set("user", "bom@gmail.com")
    assert not any(q.name == "secret" for q in flow.questions())
    assert flow.advance() is PageId.SERVER
    assert flow.answers.host == "smtp.gmail.com"  # the suggestion fills an empty server


def test_change_server_settings_opens_the_server_page_and_back_returns_to_account(tmp_path: Path) -> None:
    flow = _flow(tmp_path)
    flow.advance()
    flow.set("user", "bom@gmail.com")
    flow.act("change_server")
    assert flow.page is PageId.SERVER
    assert flow.back() is PageId.ACCOUNT
    assert flow.advance() is PageId.SERVER  # the full route now, until the end


def test_relay_skips_the_security_page_and_chooses_no_password(tmp_path: Path) -> None:
    flow = _flow(tmp_path, quick=False)
    flow.advance()
    flow.set("user", "bom@example.org")
    flow.advance()
    flow.set("host", "")
    flow.set("relay", True)
    assert (flow.answers.host, flow.answers.port, flow.answers.security) == ("localhost", "25", "none")
    assert flow.advance() is PageId.SECRET
    assert flow.answers.secret_source == "none"


def test_skip_path_goes_from_welcome_to_summary(tmp_path: Path) -> None:
    flow = _flow(tmp_path)
    flow.set("skip", True)
    assert any(m.level == "warning" for m in flow.messages())
    assert flow.advance() is PageId.SUMMARY


def test_next_refuses_an_invalid_page_with_the_reasons(tmp_path: Path) -> None:
    flow = _flow(tmp_path)
    flow.advance()
    flow.set("user", "not an address")
    with pytest.raises(FlowError) as caught:
        flow.advance()
    assert caught.value.problems and flow.page is PageId.ACCOUNT


def test_back_keeps_every_value(tmp_path: Path) -> None:
    flow = _flow(tmp_path, quick=False)
    flow.advance()
    flow.set("user", "bom@example.org")
    flow.advance()
    flow.set("host", "smtp.example.org")
    flow.back()
    flow.back()
    assert flow.page is PageId.WELCOME
    flow.advance()
    flow.advance()
    assert (flow.answers.user, flow.answers.host) == ("bom@example.org", "smtp.example.org")


def test_implicit_tls_on_another_port_is_explained_with_fixes_not_rewritten(tmp_path: Path) -> None:
    flow = _flow(tmp_path, quick=False)
    flow.advance()
    flow.set("user", "bom@example.org")
    flow.advance()
    flow.set("host", "smtp.example.org")
    flow.set("port", "2525")
    flow.advance()
    flow.set("security", "smtps")
    assert flow.problems() and flow.answers.port == "2525"
    assert [a.id for a in flow.actions()] == ["use_465", "use_starttls"]
    flow.act("use_starttls")
    assert flow.can_advance() and flow.answers.security == "starttls"


def test_login_that_is_not_the_address_is_explicit_and_warned_about(tmp_path: Path) -> None:
    flow = _flow(tmp_path)
    flow.advance()
    flow.set("user", "apikey")
    assert next(q for q in flow.questions() if q.name == "user").problem  # an address is expected
    flow.set("login_differs", True)
    question = next(q for q in flow.questions() if q.name == "user")
    assert question.problem is None and question.label == "Login name"
    assert any(m.level == "warning" and "refuse" in m.text for m in flow.messages())
    assert flow.can_advance()


def test_a_fix_link_follows_the_chosen_advice_before_the_code() -> None:
    from wizard.flow.testing import fix_for
    from wizard.probe.report import DiagnosisCode

    assert fix_for(DiagnosisCode.AUTH_FAILED) == (PageId.SECRET, "flow.fix.password")
    assert fix_for(DiagnosisCode.AUTH_FAILED, "ms_smtp_auth_disabled") is None  # only an administrator can help
    assert fix_for(DiagnosisCode.AUTH_UNAVAILABLE, "no_auth_after_tls") == (PageId.SERVER, "flow.fix.server_port")
    assert fix_for(DiagnosisCode.SENDER_REJECTED, "login_not_address") == (PageId.ACCOUNT, "flow.fix.address")
