"""The diagnosis texts: complete in English and German, with provider and situation hints where they apply."""

from __future__ import annotations

import socket
import ssl

import pytest

from wizard.core.i18n import catalogue
from wizard.core.settings import Security
from wizard.probe.diagnosis import Context, code_for, describe, hints_for, localized
from wizard.probe.report import DiagnosisCode, StepName

CTX = Context(host="mail.example.com", port=465, security=Security.SMTPS, sender="a@example.com")


@pytest.mark.parametrize("code", list(DiagnosisCode))
@pytest.mark.parametrize("part", ["title", "meaning", "advice"])
def test_every_code_has_each_text_in_english_and_german(code, part):
    texts = catalogue()[f"diagnosis.{code}.{part}"]
    assert texts["en"].strip() and texts["de"].strip()
    assert texts["en"] != texts["de"]


@pytest.mark.parametrize("code", list(DiagnosisCode))
def test_every_code_renders_in_both_languages(code):
    for lang in ("en", "de"):
        diagnosis = describe(code, CTX, lang=lang)
        assert diagnosis.code is code and "{" not in diagnosis.meaning + diagnosis.advice


def test_every_hint_key_has_texts():
    keys = {k.removeprefix("diagnosis.hint.") for k in catalogue() if k.startswith("diagnosis.hint.")}
    produced = set()
    for code in DiagnosisCode:
        for host in ("smtp.gmail.com", "smtp.office365.com", "127.0.0.1", "mail.example.com"):
            for port, security in ((25, Security.NONE), (465, Security.SMTPS), (587, Security.STARTTLS)):
                for login in ("a@x.org", "apikey"):
                    produced |= set(hints_for(code, Context(host, port, security, login, login)))
    assert produced <= keys
    assert produced >= {"gmail", "microsoft365", "port25_blocked", "local_self_signed", "login_not_address"}


def test_gmail_login_failure_advises_an_app_password():
    diagnosis = describe(DiagnosisCode.AUTH_FAILED, Context("smtp.gmail.com", 465, Security.SMTPS, "me@gmail.com"))
    assert "app password" in diagnosis.provider_advice


def test_microsoft_365_login_failure_advises_enabling_smtp_auth():
    ctx = Context("smtp.office365.com", 587, Security.STARTTLS, "me@contoso.com")
    assert "SMTP AUTH" in describe(DiagnosisCode.AUTH_FAILED, ctx).provider_advice


def test_blocked_port_25_suggests_465_or_587():
    ctx = Context("relay.example.com", 25, Security.NONE, "me@example.com")
    diagnosis = describe(DiagnosisCode.CONNECT_TIMEOUT, ctx)
    assert "465" in diagnosis.provider_advice and "587" in diagnosis.provider_advice


def test_a_diagnosis_is_re_rendered_in_german():
    english = describe(DiagnosisCode.AUTH_FAILED, Context("smtp.gmail.com", 465, Security.SMTPS, "me@gmail.com"))
    german = localized(english, "de")
    assert german.title == "Anmeldung abgelehnt"
    assert "App-Passwort" in german.provider_advice


def test_json_form_joins_advice_and_hints():
    diagnosis = describe(DiagnosisCode.AUTH_FAILED, Context("smtp.gmail.com", 465, Security.SMTPS, "me@gmail.com"))
    data = diagnosis.to_json()
    assert data["code"] == "auth_failed" and diagnosis.provider_advice in data["advice"]


# Failures that cannot be produced on loopback without contacting something else are classified here.

def test_a_failed_name_lookup_is_dns_failed():
    error = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert code_for(error, StepName.RESOLVE, Security.SMTPS) is DiagnosisCode.DNS_FAILED


def test_an_unknown_exception_is_unexpected():
    assert code_for(RuntimeError("bug"), StepName.EHLO, Security.SMTPS) is DiagnosisCode.UNEXPECTED


def test_a_not_yet_valid_certificate_counts_as_expired():
    error = ssl.SSLCertVerificationError()
    error.verify_code = 9
    assert code_for(error, StepName.TLS, Security.SMTPS) is DiagnosisCode.CERT_EXPIRED
