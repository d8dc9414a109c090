"""The diagnosis texts: complete in English and German, with provider and situation hints where they apply."""

from __future__ import annotations

import re
import socket
import ssl

import pytest

from wizard.core.i18n import catalogue
from wizard.core.settings import Security
from wizard.probe.advice import ADVICE_IDS
from wizard.probe.diagnosis import Context, code_for, describe, localized
from wizard.probe.report import DiagnosisCode, StepName

# The fields describe() fills in for every text (wizard/probe/diagnosis.py `_params`).
ADVICE_FIELDS = {"host", "port", "security", "sender", "login", "recipient", "step", "seconds", "offered",
                 "provider", "submission_host", "submission_port", "ehlo_name", "names", "issuer", "not_before",
                 "not_after", "ca_file", "wildcard", "dated"}
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


def test_every_advice_id_has_its_text_in_english_and_german():
    for advice_id in ADVICE_IDS:
        texts = catalogue()[f"advice.{advice_id}"]
        assert texts["en"].strip() and texts["de"].strip() and texts["en"] != texts["de"], advice_id


def test_every_advice_renders_without_a_missing_field():
    for advice_id in ADVICE_IDS:
        for lang in ("en", "de"):
            text = catalogue()[f"advice.{advice_id}"][lang]
            fields = dict.fromkeys(re.findall(r"{(\w+)}", text), "x")
            assert set(fields) <= ADVICE_FIELDS, (advice_id, set(fields) - ADVICE_FIELDS)


def test_gmail_login_failure_advises_an_app_password():
    diagnosis = describe(DiagnosisCode.AUTH_FAILED, Context("smtp.gmail.com", 465, Security.SMTPS, "me@gmail.com"))
    assert diagnosis.advice_id == "provider.google" and "app password" in diagnosis.advice


def test_microsoft_365_login_failure_advises_enabling_smtp_auth():
    ctx = Context("smtp.office365.com", 587, Security.STARTTLS, "me@contoso.com", "me@contoso.com")
    assert "SMTP AUTH" in describe(DiagnosisCode.AUTH_FAILED, ctx).advice


def test_blocked_port_25_suggests_465_or_587():
    ctx = Context("relay.example.com", 25, Security.NONE, "me@example.com")
    diagnosis = describe(DiagnosisCode.CONNECT_TIMEOUT, ctx)
    assert diagnosis.advice_id == "port25_blocked"
    assert "465" in diagnosis.advice and "587" in diagnosis.advice


def test_a_diagnosis_is_re_rendered_in_german():
    english = describe(DiagnosisCode.AUTH_FAILED, Context("smtp.gmail.com", 465, Security.SMTPS, "me@gmail.com"))
    german = localized(english, "de")
    assert german.title == "Anmeldung abgelehnt"
    assert "App-Passwort" in german.advice


def test_json_form_names_the_chosen_advice():
    diagnosis = describe(DiagnosisCode.AUTH_FAILED, Context("smtp.gmail.com", 465, Security.SMTPS, "me@gmail.com"))
    data = diagnosis.to_json()
    assert data["code"] == "auth_failed" and data["advice"] == diagnosis.advice
    assert data["advice_id"] == "provider.google"


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
