"""Real-world server replies (facts from public provider pages and bug reports, cited per line), each served by
a scripted server on loopback at the command where it was seen: the probe must name the expected code and
choose the expected advice — the server's words first, then the provider of the host, then the generic text.

Host names are the providers' real ones (the probe connects to 127.0.0.1 via `connect_to`; no lookup happens),
so provider rules see the host a user would enter.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.probe.conftest import code_of
from tests.support.scripted_server import Script
from tests.support.servers import PASSWORD
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings
from wizard.probe.engine import ProbeRequest, run_probe
from wizard.probe.transcript import reply_lines


@dataclass(frozen=True)
class Case:
    id: str
    verb: str  # the command the reply answers ("GREETING" for the banner)
    reply: bytes
    code: str
    advice: str
    host: str = "mail.example.org"
    login: str = "me@example.org"
    secret: bool = True
    send_to: str | None = None


GMAIL = "smtp.gmail.com"
M365 = "smtp.office365.com"
OUTLOOK = "smtp-mail.outlook.com"
RCPT = "friend@example.net"

CORPUS = [
    # Microsoft 365 / Outlook.com
    # https://github.com/simonrob/email-oauth2-proxy/issues/193
    Case("ms-tenant-smtp-auth-off", "AUTH",
         b"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit "
         b"https://aka.ms/smtp_auth_disabled for more information. [MN2PR05CA0004.namprd05.prod.outlook.com]\r\n",
         "auth_failed", "ms_smtp_auth_disabled", M365, "me@contoso.com"),
    # https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission
    Case("ms-mailbox-smtp-auth-off", "AUTH",
         b"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit "
         b"https://aka.ms/smtp_auth_disabled for more information.\r\n",
         "auth_failed", "ms_smtp_auth_disabled", M365, "me@contoso.com"),
    # https://docs.bookyourpto.com/features/smtp-troubleshoot
    Case("ms-security-defaults", "AUTH",
         b"535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults "
         b"policy. Contact your administrator.\r\n",
         "auth_failed", "ms_security_defaults", M365, "me@contoso.com"),
    # https://github.com/nodemailer/nodemailer/issues/1714 (a personal account)
    Case("outlook-personal-basic-auth-off", "AUTH",
         b"535 5.7.139 Authentication unsuccessful, basic authentication is disabled. "
         b"[PN0PR01CA0024.INDPRD01.PROD.OUTLOOK.COM 2025-01-26T18:54:30.055Z 08DD3DD7D75D7743]\r\n",
         "auth_failed", "ms_personal_password_login_ended", OUTLOOK, "someone@outlook.com"),
    # https://github.com/rpremraj/mailR/issues/107 (a work account)
    Case("m365-basic-auth-off", "AUTH",
         b"535 5.7.139 Authentication unsuccessful, basic authentication is disabled. "
         b"[BM1P287CA0015.INDP287.PROD.OUTLOOK.COM]\r\n",
         "auth_failed", "ms_basic_auth_disabled", M365, "me@contoso.com"),
    # https://docs.bookyourpto.com/features/smtp-troubleshoot
    Case("ms-conditional-access", "AUTH",
         b"535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated "
         b"successfully. Contact your administrator.\r\n",
         "auth_failed", "ms_conditional_access", M365, "me@contoso.com"),
    # https://github.com/simonrob/email-oauth2-proxy/issues/297 (personal account, September 2024)
    Case("outlook-personal-5.7.3", "AUTH",
         b"535 5.7.3 Authentication unsuccessful [LO4P123CA0207.GBRP123.PROD.OUTLOOK.COM]\r\n",
         "auth_failed", "ms_personal_password_login_ended", OUTLOOK, "me@hotmail.com"),
    # https://github.com/mageplaza/magento-2-smtp/issues/108
    Case("m365-5.7.3", "AUTH",
         b"535 5.7.3 Authentication unsuccessful [DB6P18901CA0015.EURP189.PROD.OUTLOOK.COM]\r\n",
         "auth_failed", "ms_auth_unsuccessful", M365, "me@contoso.com"),
    # https://pastebin.com/SuB30vi5
    Case("m365-5.7.57-no-login", "MAIL",
         b"530 5.7.57 Client not authenticated to send mail. [BN1P110CA0052.NAMP110.PROD.OUTLOOK.COM]\r\n",
         "auth_required", "ms_not_authenticated", M365, "me@contoso.com", secret=False, send_to=RCPT),
    # https://pastebin.com/wtU9XT6T
    Case("m365-5.7.60-send-as", "DATA",
         b"550 5.7.60 SMTP; Client does not have permissions to send as this sender "
         b"[BY2PR1001MB1094.namprd10.prod.outlook.com]\r\n",
         "sender_rejected", "send_as_denied", M365, "me@contoso.com", send_to=RCPT),
    # https://github.com/rss2email/rss2email/issues/147
    Case("outlook-send-as-denied", "DATA",
         b"554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to "
         b"process message due to a permanent exception with message Cannot submit message.\r\n",
         "sender_rejected", "send_as_denied", OUTLOOK, "me@outlook.com", send_to=RCPT),
    # https://github.com/gophish/gophish/issues/2900
    Case("outlook-5.2.252-send-as", "DATA",
         b"554 5.2.252 SendAsDenied; me@outlook.com not allowed to send as security@example.com; "
         b"STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied\r\n",
         "sender_rejected", "send_as_denied", OUTLOOK, "me@outlook.com", send_to=RCPT),
    # Google: https://support.google.com/a/answer/3726730
    Case("gmail-starttls-first-at-auth", "AUTH",
         b"530 5.7.0 Must issue a STARTTLS command first. d2sm12345678wrs.1 - gsmtp\r\n",
         "auth_unavailable", "starttls_first", GMAIL, "me@gmail.com"),
    Case("starttls-first-at-mail", "MAIL",
         b"530 5.7.0 Must issue a STARTTLS command first\r\n",
         "auth_required", "starttls_first", secret=False, send_to=RCPT),
    # https://support.google.com/accounts/answer/185833 ; https://github.com/nodemailer/nodemailer/issues/653
    Case("gmail-app-password", "AUTH",
         b"534-5.7.9 Application-specific password required. Learn more at\r\n"
         b"534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor d2sm1 - gsmtp\r\n",
         "auth_failed", "app_password_required", GMAIL, "me@gmail.com"),
    # https://daimto.com/how-to-fix-username-and-password-when-accessing-googles-smtp-server
    Case("gmail-bad-credentials", "AUTH",
         b"535-5.7.8 Username and Password not accepted. Learn more at\r\n"
         b"535 5.7.8  https://support.google.com/mail/?p=BadCredentials lf4-20020a170902fb44 - gsmtp\r\n",
         "auth_failed", "google_bad_credentials", GMAIL, "me@gmail.com"),
    # https://github.com/nodemailer/nodemailer/issues/401
    Case("gmail-5.7.14-web-login", "AUTH",
         b"534-5.7.14 <https://accounts.google.com/ContinueSignIn?sarp=1&scc=1&plt=AKgnsbskT\r\n"
         b"534-5.7.14 mcN_8qFRw1MANHNzfbxd7A3pKabqK0cHcTg> Please log in via your web browser and\r\n"
         b"534-5.7.14 then try again.\r\n534-5.7.14 Learn more at\r\n"
         b"534 5.7.14 https://support.google.com/mail/bin/answer.py?answer=78754 qo4sm4433316pab.33 - gsmtp\r\n",
         "auth_failed", "google_web_login", GMAIL, "me@gmail.com"),
    # https://github.com/mealie-recipes/mealie/issues/2395
    Case("gmail-web-login-required", "AUTH",
         b"534-5.7.9 Please log in with your web browser and then try again. Learn more at\r\n"
         b"534 5.7.9  https://support.google.com/mail/?p=WebLoginRequired p26-2002 - gsmtp\r\n",
         "auth_failed", "google_web_login", GMAIL, "me@gmail.com"),
    # https://support.google.com/a/answer/3726730
    Case("gmail-too-many-logins", "AUTH",
         b"454 4.7.0 Too many login attempts, please try again later. d2sm1 - gsmtp\r\n",
         "temporary_failure", "too_many_logins", GMAIL, "me@gmail.com"),
    # https://senders.yahooinc.com/smtp-error-codes/
    Case("yahoo-auth005", "AUTH",
         b"535 5.7.0 (#AUTH005) Too many bad auth attempts.\r\n",
         "auth_failed", "too_many_logins", "smtp.mail.yahoo.com", "me@yahoo.com"),
    # Sender rules: https://github.com/r-raymond/nixos-mailserver/issues/9 (Postfix rejects the sender at RCPT)
    Case("postfix-not-owned-at-rcpt", "RCPT",
         b"553 5.7.1 <me@example.org>: Sender address rejected: not owned by user other@example.org\r\n",
         "sender_rejected", "sender_not_owned", send_to=RCPT),
    # https://github.com/splitbrain/dokuwiki-plugin-smtp/issues/38
    Case("yandex-not-owned", "MAIL",
         b"553 5.7.1 Sender address rejected: not owned by auth user.\r\n",
         "sender_rejected", "sender_not_owned", "smtp.yandex.ru", "me@yandex.ru", send_to=RCPT),
    # https://github.com/getgrav/grav-plugin-email/issues/77
    Case("zoho-relaying-disallowed", "DATA",
         b"553 Relaying disallowed as test@gmail.com\r\n",
         "sender_rejected", "sender_not_owned", "smtp.zoho.com", "me@zoho.com", send_to=RCPT),
    # https://github.com/infertux/zeyple/issues/49
    Case("gmx-sender-not-allowed", "MAIL",
         b"550-Requested action not taken: mailbox unavailable\r\n550 Sender address is not allowed.\r\n",
         "sender_rejected", "sender_not_owned", "mail.gmx.net", "me@gmx.de", send_to=RCPT),
    # https://www.postfix.org/SMTPD_ACCESS_README.html
    Case("postfix-relay-denied", "RCPT",
         b"554 5.7.1 <friend@example.net>: Relay access denied\r\n",
         "recipient_rejected", "relay_denied", secret=False, send_to=RCPT),
    # Amazon SES: https://pastebin.com/MpLgKiQ6 (the sender is the unverified identity). BOMnipotent sends as
    # its login (SPEC §2 rev 2), here an access key id: that, not the SES console, is the fitting advice.
    Case("ses-sender-unverified", "DATA",
         b"554 Message rejected: Email address is not verified. The following identities failed the check in "
         b"region US-WEST-2: AKIAIOSFODNN7EXAMPLE\r\n",
         "message_rejected", "login_not_address", "email-smtp.us-west-2.amazonaws.com",
         "AKIAIOSFODNN7EXAMPLE", send_to=RCPT),
    # https://pastebin.com/Mys4aE9S (sandbox: the recipient is the unverified identity)
    Case("ses-sandbox-recipient", "DATA",
         b"554 Message rejected: Email address is not verified. The following identities failed the check in "
         b"region EU-WEST-1: friend@example.net\r\n",
         "recipient_rejected", "ses_sandbox_recipient", "email-smtp.eu-west-1.amazonaws.com",
         "AKIAIOSFODNN7EXAMPLE", send_to=RCPT),
    # https://github.com/knadh/listmonk/issues/1053 (IAM access keys instead of SMTP credentials)
    Case("ses-credentials-invalid", "AUTH",
         b"535 Authentication Credentials Invalid\r\n",
         "auth_failed", "provider.ses-us-east-1", "email-smtp.us-east-1.amazonaws.com", "AKIAIOSFODNN7EXAMPLE"),
    # SendGrid: https://twilio.com/docs/api/errors/60222 (the login, and so the sender, is "apikey")
    Case("sendgrid-sender-identity", "DATA",
         b"550 The from address does not match a verified Sender Identity. Mail cannot be sent until this error "
         b"is resolved. Visit https://sendgrid.com/docs/for-developers/sending-email/sender-identity/ to see the "
         b"Sender Identity requirements\r\n",
         "message_rejected", "login_not_address", "smtp.sendgrid.net", "apikey", send_to=RCPT),
    # The same reply for an address login (a SendGrid subuser behind a relay that passes the reply on)
    Case("sendgrid-sender-identity-address", "MAIL",
         b"550 The from address does not match a verified Sender Identity. Mail cannot be sent until this error "
         b"is resolved.\r\n",
         "sender_rejected", "sendgrid_sender_identity", send_to=RCPT),
    # https://github.com/sendgrid/docs/issues/2491
    Case("sendgrid-bad-password", "AUTH",
         b"535 Authentication failed: Bad username / password\r\n",
         "auth_failed", "provider.sendgrid", "smtp.sendgrid.net", "apikey"),
    # https://github.com/sendgrid/sendgrid-nodejs/issues/1105
    Case("sendgrid-revoked-key", "AUTH",
         b"535 Authentication failed: The provided authorization grant is invalid, expired, or revoked\r\n",
         "auth_failed", "api_key_invalid", "smtp.sendgrid.net", "apikey"),
    # https://github.com/sendgrid/docs/issues/6473
    Case("sendgrid-unauthenticated", "MAIL",
         b"550 Unauthenticated senders not allowed\r\n",
         "auth_required", "login_required", "smtp.sendgrid.net", "me@example.org", secret=False, send_to=RCPT),
    # https://github.com/marcpope/borgbackupserver/issues/16
    Case("brevo-invalid-login", "AUTH",
         b"535 5.7.0 Invalid login or password\r\n",
         "auth_failed", "provider.brevo", "smtp-relay.brevo.com", "me@example.org"),
    # https://github.com/swapmyvote/swapmyvote/issues/182
    Case("mailgun-sandbox", "DATA",
         b"554 Sandbox subdomains are for test purposes only. Please add your own domain or add the address to "
         b"authorized recipients in Account Settings.\r\n",
         "message_rejected", "authorized_recipients_only", "smtp.mailgun.org", "postmaster@example.org",
         send_to=RCPT),
    # https://docs.gandi.net/en/gandimail/faq/error_types/554_5_7_1_service_unavailable.html
    Case("spamhaus-blocked", "RCPT",
         b"554 5.7.1 Service unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org\r\n",
         "server_unavailable", "ip_blocked", send_to=RCPT),
    # Generic: https://support.google.com/a/answer/3726730
    Case("gmail-no-such-user", "RCPT",
         b"550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
         b"550 5.1.1 double-checking the recipient's email address for typos - gsmtp\r\n",
         "recipient_rejected", "generic", send_to=RCPT),
    Case("gmail-try-later-greeting", "GREETING",
         b"421 4.7.0 Try again later, closing connection. d2sm1 - gsmtp\r\n",
         "server_unavailable", "generic", GMAIL, "me@gmail.com"),
    # http://postgrey.schweikert.ch/ (greylisting)
    Case("postgrey-greylisted", "RCPT",
         b"450 4.2.0 <friend@example.net>: Recipient address rejected: Greylisted, see "
         b"http://postgrey.schweikert.ch/help/example.net.html\r\n",
         "temporary_failure", "generic", send_to=RCPT),
    # Dovecot SASL behind Postfix (https://doc.dovecot.org/): a plain wrong password
    Case("postfix-auth-failed", "AUTH",
         b"535 5.7.8 Error: authentication failed: authentication failure\r\n",
         "auth_failed", "generic"),
]


def _request(case: Case, port: int) -> ProbeRequest:
    secret = Secret(PASSWORD) if case.secret else None
    settings = Settings(
        user=case.login,
        host=case.host,
        port=587,
        security=Security.NONE,
        secret_source=SecretSource.NEW if secret else SecretSource.NONE,
        secret=secret,
    ).validated()
    return ProbeRequest(
        settings,
        secret,
        send_to=case.send_to,
        timeout=3.0,
        deadline=10.0,
        connect_to=("127.0.0.1", port),
        ehlo_hostname="client.test",
        allow_plaintext_auth=True,  # the corpus host names are not loopback; the server is
    )


def test_the_corpus_holds_at_least_thirty_real_world_replies():
    assert len(CORPUS) >= 30 and len({case.id for case in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("case", CORPUS, ids=[case.id for case in CORPUS])
async def test_a_real_world_reply_gets_its_code_and_advice(case, scripted_server):
    script = Script(greeting=case.reply) if case.verb == "GREETING" else Script(replies={case.verb: case.reply})
    server = scripted_server(script)
    report = await run_probe(_request(case, server.port))
    diagnosis = report.diagnosis
    assert diagnosis is not None
    assert (code_of(report), diagnosis.advice_id) == (case.code, case.advice)
    message = case.reply.decode().replace("\r\n", "\n").rstrip("\n")
    code = int(message[:3])
    text = "\n".join(line[4:] for line in message.split("\n"))
    assert diagnosis.reply_lines == reply_lines(code, text)  # line by line, as the server sent them
    assert diagnosis.advice and "{" not in diagnosis.advice
