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
from wizard.core.ehlo_name import EhloName, EhloOrigin
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings
from wizard.probe.diagnosis import localized
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
    ehlo: str = "client.test"  # the EHLO name the probe sends (the server's, SPEC §12 rev 3)
    origin: EhloOrigin = EhloOrigin.MACHINE  # where that name comes from
    ehlo_reply: bytes | None = None  # the server's answer to EHLO, when not the scripted default
    starttls: bool = False  # STARTTLS on port 587 to "localhost" with the test CA (else plaintext)


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
         "sender_rejected", "sender_login_map", "smtp.yandex.ru", "me@yandex.ru", send_to=RCPT),
    # https://github.com/getgrav/grav-plugin-email/issues/77
    Case("zoho-relaying-disallowed", "DATA",
         b"553 Relaying disallowed as test@gmail.com\r\n",
         "sender_rejected", "sender_not_owned", "smtp.zoho.com", "me@zoho.com", send_to=RCPT),
    # https://github.com/infertux/zeyple/issues/49
    Case("gmx-sender-not-allowed", "MAIL",
         b"550-Requested action not taken: mailbox unavailable\r\n550 Sender address is not allowed.\r\n",
         "sender_rejected", "sender_login_map", "mail.gmx.net", "me@gmx.de", send_to=RCPT),
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
         "server_unavailable", "wait_and_retry", GMAIL, "me@gmail.com"),
    # http://postgrey.schweikert.ch/ (greylisting)
    Case("postgrey-greylisted", "RCPT",
         b"450 4.2.0 <friend@example.net>: Recipient address rejected: Greylisted, see "
         b"http://postgrey.schweikert.ch/help/example.net.html\r\n",
         "temporary_failure", "wait_and_retry", send_to=RCPT),
    # Dovecot SASL behind Postfix (https://doc.dovecot.org/): a plain wrong password
    Case("postfix-auth-failed", "AUTH",
         b"535 5.7.8 Error: authentication failed: authentication failure\r\n",
         "auth_failed", "generic"),

]

CONTAINER_ID = "3f2a9c1e0b7d"
EHLO_EXCHANGE_ONPREM = (b"250-mail.contoso.local Hello [203.0.113.7]\r\n250-SIZE 37748736\r\n250-PIPELINING\r\n"
                        b"250-AUTH NTLM LOGIN\r\n250-X-EXPS GSSAPI NTLM\r\n250-XEXCH50\r\n250 XRDST\r\n")
EHLO_ONLY_NTLM = b"250-mail.contoso.local Hello\r\n250-AUTH NTLM\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n"
EHLO_ONLY_GSSAPI = b"250-mail.contoso.local Hello\r\n250-AUTH GSSAPI\r\n250 8BITMIME\r\n"
EHLO_NTLM_GSSAPI = b"250-mail.contoso.local Hello\r\n250-AUTH GSSAPI NTLM\r\n250 8BITMIME\r\n"

# Issue #21: what the server will send, and advice that fits the case (each cited where it was seen).
CASES_21 = [
    # Postfix reject_non_fqdn_helo_hostname (https://www.postfix.org/postconf.5.html), at RCPT TO because of
    # smtpd_delay_reject; Vaultwarden/lettre reports: https://github.com/dani-garcia/vaultwarden/issues/3386
    Case("postfix-helo-fqdn-container-id", "RCPT",
         b"504 5.5.2 <3f2a9c1e0b7d>: Helo command rejected: need fully-qualified hostname\r\n",
         "server_unavailable", "helo_rejected_container_id", send_to=RCPT, ehlo=CONTAINER_ID,
         origin=EhloOrigin.CONTAINER_ID),
    Case("postfix-helo-fqdn-machine", "RCPT",
         b"504 5.5.2 <vm>: Helo command rejected: need fully-qualified hostname\r\n",
         "server_unavailable", "helo_rejected_machine", send_to=RCPT, ehlo="vm"),
    Case("postfix-helo-fqdn-compose-hostname", "RCPT",
         b"504 5.5.2 <bomnipotent>: Helo command rejected: need fully-qualified hostname\r\n",
         "server_unavailable", "helo_rejected_compose_hostname", send_to=RCPT, ehlo="bomnipotent",
         origin=EhloOrigin.COMPOSE_HOSTNAME),
    # reject_invalid_helo_hostname
    Case("postfix-helo-invalid-name", "RCPT",
         b"501 5.5.2 <vm_1>: Helo command rejected: Invalid name\r\n",
         "server_unavailable", "helo_rejected_machine", send_to=RCPT, ehlo="vm_1"),
    # reject_unknown_helo_hostname answers 450 by default (unknown_hostname_reject_code): still no "wait"
    Case("postfix-helo-host-not-found-450", "RCPT",
         b"450 4.7.1 <bom.example.org>: Helo command rejected: Host not found\r\n",
         "server_unavailable", "helo_not_in_dns", send_to=RCPT, ehlo="bom.example.org"),
    # Exim, cPanel ACL (https://support.cpanel.net/hc/en-us/articles/360058318073)
    Case("exim-helo-must-be-fqdn", "EHLO", b"550 HELO/EHLO must contain a FQDN\r\n",
         "server_unavailable", "helo_rejected_machine", ehlo="vm"),
    # Exim core (https://www.exim.org/exim-html-current/doc/html/spec_html/ch-smtp_processing.html)
    Case("exim-helo-syntactically-invalid", "EHLO", b"501 Syntactically invalid EHLO argument(s)\r\n",
         "server_unavailable", "helo_rejected_container_id", ehlo=CONTAINER_ID, origin=EhloOrigin.CONTAINER_ID),
    # Exchange (answer to EHLO with a name it does not accept)
    Case("exchange-helo-invalid-domain", "EHLO", b"501 5.5.4 Invalid domain name\r\n",
         "server_unavailable", "helo_rejected_compose_hostname", ehlo="bom", origin=EhloOrigin.COMPOSE_HOSTNAME),
    # Reverse DNS: https://www.postfix.org/postconf.5.html#reject_unknown_client_hostname (4.7.25 since 3.x)
    Case("postfix-4.7.25-no-hostname", "RCPT",
         b"450 4.7.25 Client host rejected: cannot find your hostname, [203.0.113.7]\r\n",
         "server_unavailable", "reverse_dns", send_to=RCPT),
    Case("postfix-4.7.1-no-reverse-hostname", "RCPT",
         b"450 4.7.1 Client host rejected: cannot find your reverse hostname, [203.0.113.7]\r\n",
         "server_unavailable", "reverse_dns", send_to=RCPT),
    # https://support.google.com/a/answer/3726730
    Case("gmail-5.7.25-no-ptr", "DATA",
         b"550-5.7.25 [203.0.113.7] The IP address sending this message does not have a\r\n"
         b"550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not\r\n"
         b"550 5.7.25 point to the sending IP. d2sm1 - gsmtp\r\n",
         "server_unavailable", "reverse_dns", send_to=RCPT),
    # Greylisting and rate limits: waiting helps
    Case("postfix-greylisting-in-action", "RCPT",
         b"451 4.7.1 <friend@example.net>: Recipient address rejected: Greylisting in action, please come back "
         b"later\r\n",
         "temporary_failure", "wait_and_retry", send_to=RCPT),
    Case("exim-temporary-try-later", "RCPT", b"451 Temporary local problem - please try later\r\n",
         "temporary_failure", "wait_and_retry", send_to=RCPT),
    Case("postfix-too-many-connections-421", "GREETING",
         b"421 4.7.0 mail.example.org Error: too many connections from 203.0.113.7\r\n",
         "server_unavailable", "wait_and_retry"),
    # A 4xx whose words name no passing cause: no "wait a few minutes"
    Case("postfix-sender-domain-not-found-450", "MAIL",
         b"450 4.1.8 <me@example.org>: Sender address rejected: Domain not found\r\n",
         "temporary_failure", "temporary_unclear", send_to=RCPT),
    # SPF / DMARC (https://support.google.com/a/answer/3726730, https://support.google.com/a/answer/81126)
    Case("gmail-5.7.23-spf", "DATA",
         b"550-5.7.23 The message was not sent because of SPF. Review the SPF record of example.org\r\n"
         b"550 5.7.23 d2sm1 - gsmtp\r\n",
         "message_rejected", "spf_failed", send_to=RCPT),
    Case("policyd-spf-at-rcpt", "RCPT",
         b"550 5.7.23 <friend@example.net>: Recipient address rejected: Message rejected due to: SPF fail - not "
         b"authorized.\r\n",
         "sender_rejected", "spf_failed", send_to=RCPT),
    Case("gmail-5.7.26-dmarc", "DATA",
         b"550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's\r\n"
         b"550 5.7.26 DMARC policy. d2sm1 - gsmtp\r\n",
         "message_rejected", "dmarc_failed", send_to=RCPT),
    # A blocklist with a 4xx code: no "wait"
    Case("barracuda-blocked-450", "RCPT",
         b"450 4.7.1 Client host [203.0.113.7] blocked using b.barracudacentral.org\r\n",
         "server_unavailable", "ip_blocked", send_to=RCPT),
    # Sender texts: login = sender (BOMnipotent sends as its login) vs a reply naming another account
    Case("postfix-not-owned-by-self", "RCPT",
         b"553 5.7.1 <me@example.org>: Sender address rejected: not owned by user me@example.org\r\n",
         "sender_rejected", "sender_login_map", send_to=RCPT),
    Case("mailcow-not-owned-by-self-550", "MAIL",
         b"550 5.7.1 <me@example.org>: Sender address rejected: not owned by user me@example.org\r\n",
         "sender_rejected", "sender_login_map", send_to=RCPT),
    Case("postfix-not-owned-by-other-550", "MAIL",
         b"550 5.7.1 <me@example.org>: Sender address rejected: not owned by user mailer@example.org\r\n",
         "sender_rejected", "sender_not_owned", send_to=RCPT),
    # https://github.com/getgrav/grav-plugin-email/issues/77 with the login itself named, on Zoho's EU host
    Case("zoho-eu-relaying-disallowed-self", "DATA", b"553 Relaying disallowed as me@example.org\r\n",
         "sender_rejected", "zoho_relaying_disallowed", "smtp.zoho.eu", send_to=RCPT),
    # Zoho's EU data centre is in the provider table (https://www.zoho.com/mail/help/zoho-smtp.html)
    Case("zoho-eu-auth-failed", "AUTH", b"535 Authentication Failed\r\n",
         "auth_failed", "provider.zoho-personal-eu", "smtp.zoho.eu"),
    # Exchange on-premises names itself by its EHLO extensions; its 535 5.7.3 is not Microsoft 365's
    Case("exchange-onprem-5.7.3", "AUTH", b"535 5.7.3 Authentication unsuccessful\r\n",
         "auth_failed", "exchange_onprem_auth", "mail.contoso.com", "me@contoso.com",
         ehlo_reply=EHLO_EXCHANGE_ONPREM),
    # Exchange on-premises with Basic authentication off on the receive connector: NTLM / GSSAPI only
    Case("exchange-ntlm-only", "EHLO", b"", "auth_unavailable", "auth_windows_only", "localhost",
         "me@contoso.com", ehlo_reply=EHLO_ONLY_NTLM, starttls=True),
    Case("exchange-gssapi-only", "EHLO", b"", "auth_unavailable", "auth_windows_only", "localhost",
         "me@contoso.com", ehlo_reply=EHLO_ONLY_GSSAPI, starttls=True),
    Case("exchange-gssapi-ntlm", "EHLO", b"", "auth_unavailable", "auth_windows_only", "localhost",
         "me@contoso.com", ehlo_reply=EHLO_NTLM_GSSAPI, starttls=True),
]
CORPUS += CASES_21


def _request(case: Case, port: int, ca_file=None) -> ProbeRequest:
    secret = Secret(PASSWORD) if case.secret else None
    settings = Settings(
        user=case.login,
        host=case.host,
        port=587,
        security=Security.STARTTLS if case.starttls else Security.NONE,
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
        ehlo=EhloName(case.ehlo, case.origin, "bomnipotent"),
        ca_file=ca_file,
        allow_plaintext_auth=True,  # the corpus host names are not loopback; the server is
    )


def test_the_corpus_holds_at_least_thirty_real_world_replies():
    assert len(CORPUS) >= 30 and len({case.id for case in CORPUS}) == len(CORPUS)


def _script(case: Case) -> Script:
    if case.verb == "GREETING":
        return Script(greeting=case.reply)
    if case.verb == "EHLO":
        return Script(ehlo=case.ehlo_reply or case.reply, starttls=case.starttls)
    if case.ehlo_reply is not None:
        return Script(ehlo=case.ehlo_reply, replies={case.verb: case.reply}, starttls=case.starttls)
    return Script(replies={case.verb: case.reply}, starttls=case.starttls)


async def _run(case: Case, scripted_server, tls_material):
    server = scripted_server(_script(case), tls=case.starttls)
    return await run_probe(_request(case, server.port, tls_material.ca_file if case.starttls else None))


@pytest.mark.parametrize("case", CORPUS, ids=[case.id for case in CORPUS])
async def test_a_real_world_reply_gets_its_code_and_advice(case, scripted_server, tls_material):
    report = await _run(case, scripted_server, tls_material)
    diagnosis = report.diagnosis
    assert diagnosis is not None
    assert (code_of(report), diagnosis.advice_id) == (case.code, case.advice)
    if not case.reply:  # the EHLO offer decided, not a refusal
        return
    message = case.reply.decode().replace("\r\n", "\n").rstrip("\n")
    code = int(message[:3])
    text = "\n".join(line[4:] for line in message.split("\n"))
    assert diagnosis.reply_lines == reply_lines(code, text)  # line by line, as the server sent them
    assert diagnosis.advice and "{" not in diagnosis.advice


@pytest.mark.parametrize("case", CASES_21, ids=[case.id for case in CASES_21])
async def test_a_case_of_issue_21_reads_in_english_and_german_and_never_says_wait_for_a_lasting_cause(
    case, scripted_server, tls_material
):
    report = await _run(case, scripted_server, tls_material)
    english, german = localized(report.diagnosis, "en"), localized(report.diagnosis, "de")
    for diagnosis in (english, german):
        text = diagnosis.title + diagnosis.meaning + diagnosis.advice
        assert text and "{" not in text
    assert (english.title, english.advice) != (german.title, german.advice)
    waits = "Wait a few minutes" in english.advice or "try again later" in english.title.lower()
    assert waits == (case.advice == "wait_and_retry")
    if case.advice in ("sender_login_map", "zoho_relaying_disallowed"):  # never "may X send as X"
        assert "may not send as" not in english.advice
