"""Choosing the one piece of advice for a failure (SPEC §4 rev 2), in this order:

1. the server's own reply: enhanced status codes and known texts (and what its EHLO offered);
2. the provider of the host, by submission host or MX pattern (every entry of `resources/providers.toml`);
3. the generic text of the diagnosis code, refined by the situation (port 25, direction of a wrong TLS mode).

Exactly one piece of advice is chosen; texts are `advice.<id>` in `resources/i18n/advice.toml` (EN + DE),
provider texts the table's own hint ids, the generic ones `diagnosis.<code>.advice`. Every reply rule names
the public page its facts come from. No advice may send the user in a circle: "choose an encrypted
connection" is never given on an encrypted connection, "enter the password" never when the server rejected
the password by policy.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard.core.providers import Provider, provider_for_domain, providers
from wizard.core.settings import Security, is_address
from wizard.probe.report import DiagnosisCode, StepName

if TYPE_CHECKING:
    from wizard.probe.cert_inspect import CertFindings

C = DiagnosisCode
_AUTH_CODES = frozenset({C.AUTH_FAILED, C.AUTH_REQUIRED})
_SENDING_CODES = frozenset({C.SENDER_REJECTED, C.RECIPIENT_REJECTED, C.MESSAGE_REJECTED})
_CONNECT_CODES = frozenset({C.CONNECT_TIMEOUT, C.CONNECT_REFUSED, C.GREETING_TIMEOUT})
_LOCAL_CERT_CODES = frozenset({C.CERT_UNTRUSTED, C.CERT_HOSTNAME_MISMATCH})
_MICROSOFT_IDS = frozenset({"microsoft365", "outlook"})
_MX_SYMPTOMS = frozenset({C.AUTH_UNAVAILABLE, C.AUTH_REQUIRED, C.RECIPIENT_REJECTED})
USABLE_MECHANISMS = frozenset({"PLAIN", "LOGIN"})


@dataclass(frozen=True)
class Context:
    """What the diagnosis and its advice may talk about; never the secret."""

    host: str
    port: int
    security: Security
    sender: str = ""
    login: str = ""
    recipient: str = ""
    secret_given: bool = False
    step: StepName | None = None  # the step that failed
    reply_code: int = 0  # the server's reply code, 0 when it said nothing
    reply: str = ""  # the server's reply text (all lines, without codes), safe to show
    encrypted: bool = False  # whether TLS was up when it failed
    auth_offered: tuple[str, ...] | None = None  # AUTH mechanisms of the last EHLO; None: no EHLO answered
    reason: str = ""  # a failure the engine named itself, e.g. "plaintext_auth"
    timed_out: bool = False
    by_deadline: bool = False  # the whole probe's deadline, not the step timeout, ran out
    seconds: float = 0.0  # the time limit that ran out
    ehlo_name: str = ""  # the name the probe (and so the server) sent in EHLO
    ehlo_origin: str = ""  # where that name comes from: wizard.core.ehlo_name.EhloOrigin
    lookup_failure: str = ""  # a failed name lookup: "no_answer", "no_such_name", "other" (diagnosis.lookup_failure)
    cert: CertFindings | None = None  # a certificate that failed verification, looked at (cert_inspect.py)
    capabilities: tuple[str, ...] = ()  # the last EHLO's extension lines (without the server name line)
    host_suggested: bool = False  # the host is the wizard's own suggestion (provider table, discovery)
    ca_file: str = ""  # the extra CA the test trusted (--ca-file), "" for none


@dataclass(frozen=True)
class Advice:
    """The chosen advice: a stable id, its catalogue message id, the tier it came from, and the code (a reply
    rule may name the failure better than the step it came at, e.g. a sender refusal sent at RCPT TO)."""

    id: str
    tier: str  # "reply" | "provider" | "generic"
    code: DiagnosisCode
    params: dict[str, str] = field(default_factory=dict)
    text_id: str = ""  # the catalogue message id when it is not `advice.<id>`
    # The advice brings its own title and meaning (`advice_case.<id>.title|meaning`): the reply names the failure
    # better than the code's texts (a HELO refusal with a 4xx code is not "temporary, try later").
    own_texts: bool = False

    @property
    def message_id(self) -> str:
        return self.text_id or f"advice.{self.id}"


@dataclass(frozen=True)
class _ReplyRule:
    advice: str
    pattern: re.Pattern[str]
    codes: frozenset[DiagnosisCode] | None = None  # None: whatever the step made of it
    when: Callable[[Context], bool] | None = None
    recode: Callable[[Context], DiagnosisCode | None] | None = None
    own_texts: bool = False  # title and meaning follow the reply (see Advice.own_texts)


def _rx(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower().rstrip(".") if "@" in address else ""


def _personal_microsoft(ctx: Context) -> bool:
    """A personal Outlook.com / Hotmail account (by the login's domain), not a Microsoft 365 work account."""
    provider = provider_for_domain(_domain(ctx.login) or _domain(ctx.sender))
    return provider is not None and provider.id == "outlook"


def _work_microsoft(ctx: Context) -> bool:
    return not _personal_microsoft(ctx)


def _recipient_named(ctx: Context) -> bool:
    recipient = ctx.recipient.lower()
    return bool(recipient) and recipient != ctx.sender.lower() and recipient in ctx.reply.lower()


def _at_auth_unavailable(ctx: Context) -> DiagnosisCode | None:
    return C.AUTH_UNAVAILABLE if ctx.step is StepName.AUTH else None


def _sender_code(ctx: Context) -> DiagnosisCode | None:
    """Postfix checks the sender at RCPT TO (smtpd_delay_reject): it is still the sender that was refused."""
    return C.SENDER_REJECTED if ctx.step in (StepName.RCPT_TO, StepName.DATA) else None


def _ehlo_origin_is(origin: str) -> Callable[[Context], bool]:
    return lambda ctx: (ctx.ehlo_origin or "machine") == origin


def _at_ehlo(ctx: Context) -> bool:
    return ctx.step in (StepName.EHLO, StepName.EHLO_TLS)


def _this_machine(ctx: Context) -> DiagnosisCode | None:
    """A refusal of the sending machine (its name, its address): not of the sender, recipient or message."""
    return C.SERVER_UNAVAILABLE


def _policy_code(ctx: Context) -> DiagnosisCode | None:
    """SPF/DMARC refuse the sender's domain: at MAIL or RCPT the sender, at DATA the message."""
    return C.SENDER_REJECTED if ctx.step in (StepName.MAIL_FROM, StepName.RCPT_TO) else C.MESSAGE_REJECTED


_NAMED_OWNER = re.compile(r"(?:not owned by user|Relaying disallowed as|not allowed to send as)\s+<?([^\s<>;,]+)", re.I)


def _names_another_account(ctx: Context) -> bool:
    """The refusal names an account other than the login: then the login/sender pairing is the question.
    When it names the login itself (BOMnipotent sends as its login), "may X send as X" would be a circle."""
    found = _NAMED_OWNER.search(ctx.reply)
    if found is None:
        return False
    named = found.group(1).strip(".").lower()
    return named not in (ctx.login.lower(), ctx.sender.lower())


def _zoho_host(ctx: Context) -> bool:
    return ctx.host.lower().rstrip(".").startswith("smtp") and ".zoho" in ctx.host.lower()


# HELO/EHLO refusals (whatever their first digit: Postfix's reject_unknown_helo_hostname answers 450):
# Postfix "504 5.5.2 <vm>: Helo command rejected: need fully-qualified hostname" (reject_non_fqdn_helo_hostname),
# "501 5.5.2 <x>: Helo command rejected: Invalid name" (reject_invalid_helo_hostname), "450 4.7.1 <x>: Helo
# command rejected: Host not found" (reject_unknown_helo_hostname): https://www.postfix.org/postconf.5.html;
# Exim (cPanel ACLs) "550 HELO/EHLO must contain a FQDN", Exim core "501 Syntactically invalid EHLO
# argument(s)": https://www.exim.org/exim-html-current/doc/html/spec_html/ch-access_control_lists.html;
# Exchange "501 5.5.4 Invalid domain name" (answer to EHLO):
# https://learn.microsoft.com/en-us/exchange/mail-flow/non-delivery-reports-and-bounce-messages/non-delivery-reports-and-bounce-messages
_HELO_WORDS = (
    r"Helo command rejected|HELO/EHLO|need fully[- ]qualified hostname"
    r"|\b(?:HELO|EHLO)\b[^\n]{0,60}\b(?:FQDN|fully[- ]qualified|invalid|not valid|syntactically)"
)
_HELO_AT_EHLO = r"Invalid domain name|Syntactically invalid|invalid (?:host|domain)"


def _helo_rules(advice_suffix: str, origin: str) -> tuple[_ReplyRule, ...]:
    when_origin = _ehlo_origin_is(origin)
    return (
        _ReplyRule(f"helo_rejected_{advice_suffix}", _rx(_HELO_WORDS), when=when_origin, recode=_this_machine,
                   own_texts=True),
        _ReplyRule(f"helo_rejected_{advice_suffix}", _rx(_HELO_AT_EHLO),
                   when=lambda ctx: _at_ehlo(ctx) and when_origin(ctx), recode=_this_machine, own_texts=True),
    )


# Exchange Server on-premises names itself in EHLO by extensions no other server offers: XEXCH50, X-EXPS (its
# Windows-integrated logins), X-ANONYMOUSTLS, XRDST (https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxsmtp/).
_EXCHANGE_EXTENSIONS = ("XEXCH50", "X-EXPS", "X-ANONYMOUSTLS", "XRDST", "XSHADOWREQUEST")


def _exchange_on_premises(ctx: Context) -> bool:
    return any(cap.upper().startswith(_EXCHANGE_EXTENSIONS) for cap in ctx.capabilities)


# In order: the first rule whose pattern matches the reply (and whose condition holds) wins.
_REPLY_RULES: tuple[_ReplyRule, ...] = (
    # A fully-qualified EHLO name that is not in the DNS (reject_unknown_helo_hostname, see above).
    _ReplyRule("helo_not_in_dns", _rx(r"Helo command rejected: Host not found"), recode=_this_machine,
               own_texts=True),
    *_helo_rules("machine", "machine"),
    *_helo_rules("compose_hostname", "compose_hostname"),
    *_helo_rules("container_id", "container_id"),
    # Reverse DNS: Postfix reject_unknown_client_hostname / reject_unknown_reverse_client_hostname "450 4.7.25
    # Client host rejected: cannot find your (reverse) hostname, [ip]" (4.7.1 before Postfix 3.x,
    # https://www.postfix.org/postconf.5.html#unknown_client_reject_code); Gmail "550-5.7.25 The IP address
    # sending this message does not have a PTR record setup" (https://support.google.com/a/answer/3726730).
    # Permanent until the DNS or the relay's policy changes, whatever the first digit says.
    _ReplyRule(
        "reverse_dns",
        _rx(r"4\.7\.25|5\.7\.25|cannot find your (?:reverse )?hostname|PTR record|reverse (?:DNS|hostname|lookup)"),
        recode=_this_machine,
        own_texts=True,
    ),
    # SPF: Gmail "550-5.7.23 The message was not sent because of SPF"; Postfix policyd-spf "550 5.7.1 Rejected
    # by SPF" / "Message rejected due to: SPF fail" (https://support.google.com/a/answer/3726730,
    # https://www.rfc-editor.org/rfc/rfc7208#section-8.4).
    _ReplyRule("spf_failed", _rx(r"\bSPF\b|5\.7\.23"), recode=_policy_code, own_texts=True),
    # DMARC: Gmail "550-5.7.26 Unauthenticated email from x is not accepted due to domain's DMARC policy"
    # (https://support.google.com/a/answer/81126); RFC 7489 §6.7 refusals name "DMARC".
    _ReplyRule("dmarc_failed", _rx(r"\bDMARC\b|5\.7\.26|This mail is unauthenticated"), recode=_policy_code,
               own_texts=True),
    # Microsoft: https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission
    # ("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant/Mailbox")
    _ReplyRule("ms_smtp_auth_disabled", _rx(r"SmtpClientAuthentication is disabled")),
    # Microsoft (same page, "security defaults"): "... user is locked by your organization's security defaults policy"
    _ReplyRule("ms_security_defaults", _rx(r"security defaults")),
    # Personal Outlook.com: https://support.microsoft.com/en-us/office/modern-authentication-methods-now-needed-to-continue-syncing-outlook-email-in-non-microsoft-email-apps-c5d65390-9676-4763-b41f-d7986499a90d
    # (basic authentication, app passwords included, ended for consumer accounts on 16 September 2024)
    _ReplyRule(
        "ms_personal_password_login_ended",
        _rx(r"basic authentication is disabled|5\.7\.139|5\.7\.3 Authentication unsuccessful"),
        when=_personal_microsoft,
    ),
    # Work accounts: https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/deprecation-of-basic-authentication-exchange-online
    _ReplyRule("ms_basic_auth_disabled", _rx(r"basic authentication is disabled"), when=_work_microsoft),
    # Conditional Access: "5.7.139 ... the request did not meet the criteria to be authenticated successfully"
    # (https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission)
    _ReplyRule("ms_conditional_access", _rx(r"did not meet the criteria to be authenticated")),
    # Exchange on-premises "535 5.7.3 Authentication unsuccessful": the login is the UPN or DOMAIN\\user, and the
    # receive connector (Client Frontend, port 587) must offer Basic authentication over TLS
    # (https://learn.microsoft.com/en-us/exchange/mail-flow/connectors/receive-connectors)
    _ReplyRule("exchange_onprem_auth", _rx(r"5\.7\.3 Authentication unsuccessful|Authentication unsuccessful"),
               when=_exchange_on_premises),
    # "535 5.7.3 Authentication unsuccessful" / other 5.7.139: wrong password or SMTP AUTH off for the mailbox
    # (https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365)
    _ReplyRule("ms_auth_unsuccessful", _rx(r"5\.7\.139|5\.7\.3 Authentication unsuccessful")),
    # "530 5.7.57 Client not authenticated to send mail" (same multifunction-device page)
    _ReplyRule("ms_not_authenticated", _rx(r"5\.7\.57|Client not authenticated to send")),
    # A login is needed: SendGrid "550 Unauthenticated senders not allowed"
    # (https://github.com/sendgrid/docs/issues/6473); Exchange "530 5.7.1 Client was not authenticated";
    # "530 5.7.0 Authentication required" (RFC 4954 §6: https://www.rfc-editor.org/rfc/rfc4954#section-6)
    _ReplyRule(
        "login_required",
        _rx(r"Unauthenticated senders not allowed|Client was not authenticated|Authentication required"),
        codes=_SENDING_CODES | {C.AUTH_REQUIRED},
        recode=lambda ctx: C.AUTH_REQUIRED,
    ),
    # "550 5.7.60 SMTP; Client does not have permissions to send as this sender" (same page);
    # "554 5.2.252 SendAsDenied; ... not allowed to send as ..." / "SendAsDeniedException": the From must be the
    # login or an address it may send as (https://github.com/MicrosoftDocs/OfficeDocs-Support/issues/1187)
    _ReplyRule(
        "send_as_denied",
        _rx(r"5\.7\.60|SendAsDenied|permissions? to send as|not allowed to send as"),
        recode=_sender_code,
    ),
    # "530 5.7.0 Must issue a STARTTLS command first" (Gmail, Postfix: https://support.google.com/a/answer/3726730,
    # https://www.postfix.org/postconf.5.html#smtpd_tls_security_level); "5.7.3 STARTTLS is required to send mail"
    _ReplyRule(
        "starttls_first",
        _rx(r"STARTTLS command first|STARTTLS is required|must issue a STARTTLS|Encryption required"),
        when=lambda ctx: not ctx.encrypted,
        recode=_at_auth_unavailable,
        own_texts=True,  # the title says encryption, not "no password was given"
    ),
    # Gmail "534-5.7.14 Please log in via your web browser" / "5.7.9 ... WebLoginRequired"
    # (https://support.google.com/mail/answer/78754, https://support.google.com/a/answer/3726730)
    _ReplyRule("google_web_login", _rx(r"WebLoginRequired|log in (via|with) your web browser|5\.7\.14")),
    # Gmail "534-5.7.9 Application-specific password required" (https://support.google.com/accounts/answer/185833)
    _ReplyRule("app_password_required", _rx(r"application-specific password required|InvalidSecondFactor")),
    # Gmail "535-5.7.8 Username and Password not accepted ... ?p=BadCredentials" (https://support.google.com/a/answer/3726730)
    _ReplyRule("google_bad_credentials", _rx(r"BadCredentials|Username and Password not accepted")),
    # Postfix reject_sender_login_mismatch: "553 5.7.1 <a@x>: Sender address rejected: not owned by user b@x"
    # (https://www.postfix.org/postconf.5.html#reject_sender_login_mismatch); Zoho "553 Relaying disallowed as
    # a@x" (https://www.zoho.com/mail/help/zoho-smtp.html); GMX "550 Sender address is not allowed"
    _ReplyRule(
        "sender_not_owned",
        _rx(r"not owned by|Relaying disallowed as|not allowed to send as"),
        codes=_SENDING_CODES | _AUTH_CODES,
        when=_names_another_account,
        recode=_sender_code,
    ),
    # Zoho names the login itself: the address is not the account's own or a "Send mail as" address, or the
    # account lives in another Zoho region than this host (https://www.zoho.com/mail/help/zoho-smtp.html).
    _ReplyRule(
        "zoho_relaying_disallowed",
        _rx(r"Relaying disallowed"),
        codes=_SENDING_CODES | _AUTH_CODES,
        when=_zoho_host,
        recode=_sender_code,
    ),
    # The same refusal naming the login itself: "may X send as X" would be a circle. The relay's own
    # allowed-sender table lacks the pairing (Postfix smtpd_sender_login_maps with reject_sender_login_mismatch,
    # mailcow's sender ACL, Zoho's "Send mail as"): https://www.postfix.org/postconf.5.html#smtpd_sender_login_maps,
    # https://docs.mailcow.email/manual-guides/Postfix/u_e-postfix-sender-acl/
    _ReplyRule(
        "sender_login_map",
        _rx(r"not owned by|Relaying disallowed as|Sender address is not allowed|Sender address rejected: not logged"),
        codes=_SENDING_CODES | _AUTH_CODES,
        recode=_sender_code,
    ),
    # "554 5.7.1 <x>: Relay access denied" (https://www.postfix.org/SMTPD_ACCESS_README.html);
    # Exchange "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain"
    _ReplyRule("relay_denied", _rx(r"Relay(ing)? (access )?denied|Unable to relay|relay not permitted")),
    # Amazon SES "554 Message rejected: Email address is not verified. The following identities failed the check
    # in region ...": https://docs.aws.amazon.com/ses/latest/dg/verify-addresses-and-domains.html (sandbox:
    # recipients must be verified too: https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html)
    _ReplyRule(
        "ses_sandbox_recipient",
        _rx(r"Email address is not verified"),
        when=_recipient_named,
        recode=lambda ctx: C.RECIPIENT_REJECTED,  # the identity that failed is the recipient
    ),
    _ReplyRule("ses_identity_unverified", _rx(r"Email address is not verified")),
    # Amazon SES: "554 Access denied: User ... is not authorized to perform ses:SendRawEmail"
    # (https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html)
    _ReplyRule("ses_not_authorized", _rx(r"not authorized to perform|ses:SendRawEmail")),
    # SendGrid "550 The from address does not match a verified Sender Identity"
    # (https://www.twilio.com/docs/sendgrid/for-developers/sending-email/sender-identity)
    _ReplyRule("sendgrid_sender_identity", _rx(r"verified Sender Identity")),
    # SendGrid "535 Authentication failed: The provided authorization grant is invalid, expired, or revoked"
    # (https://www.twilio.com/docs/sendgrid/for-developers/sending-email/integrating-with-the-smtp-api)
    _ReplyRule("api_key_invalid", _rx(r"authorization grant is invalid|API key (is )?(invalid|revoked|expired)")),
    # Gmail "454 4.7.0 Too many login attempts, please try again later" (https://support.google.com/a/answer/3726730);
    # Yahoo "535 5.7.0 (#AUTH005) Too many bad auth attempts" (Yahoo Sender Hub, "SMTP Error Codes":
    # https://senders.yahooinc.com/smtp-error-codes/)
    _ReplyRule("too_many_logins", _rx(r"too many (login|bad auth|failed|authentication) attempts|#AUTH005")),
    # Microsoft "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP" (delisting:
    # https://sender.office.com/); DNSBL refusals "554 5.7.1 Service unavailable; Client host [x] blocked using
    # zen.spamhaus.org" (https://docs.gandi.net/en/gandimail/faq/error_types/554_5_7_1_service_unavailable.html)
    _ReplyRule(
        "ip_blocked",
        _rx(r"5\.7\.708|traffic not accepted from this IP|blocked using|Spamhaus|block ?list"),
        recode=lambda ctx: C.SERVER_UNAVAILABLE,  # not the sender or recipient: this machine's address
        own_texts=True,
    ),
    # Mailgun sandbox domains: "Sandbox subdomains are for test purposes only. Please add your own domain or add
    # the address to authorized recipients"
    # (https://help.mailgun.com/hc/en-us/articles/217531258-Authorized-Recipients)
    _ReplyRule("authorized_recipients_only", _rx(r"authorized recipients|Sandbox subdomains")),
    # Where waiting helps (after every rule naming a lasting cause): greylisting (Postgrey "450 4.2.0 ...
    # Greylisted", http://postgrey.schweikert.ch/), rate limits and "try again later" (RFC 5321 §4.2.5: 4yz
    # means the same command may succeed later; 421 closes the connection).
    _ReplyRule(
        "wait_and_retry",
        _rx(r"gr[ae]y-?list|try again later|retry later|try later|temporar|rate.?limit|too many|4\.7\.28|busy"),
        when=lambda ctx: 400 <= ctx.reply_code < 500,
    ),
)

# Every advice id this module can choose from advice.toml (the catalogue test checks each has EN + DE).
ADVICE_IDS: tuple[str, ...] = tuple(
    dict.fromkeys(
        [rule.advice for rule in _REPLY_RULES]
        + [
            "plaintext_auth",
            "no_auth_after_tls",
            "auth_mechanism_unsupported",
            "auth_needs_tls",
            "mx_not_submission",
            "wrong_mode_plain_port",
            "wrong_mode_tls_port",
            "port25_blocked",
            "local_self_signed",
            "slow_server",
            "temporary_unclear",
            "auth_windows_only",
            "no_name_service",
            "cert_names",
            "cert_wildcard_depth",
            "cert_dates",
            "cert_dates_intermediate",
            "cert_chain_incomplete",
            "cert_issuer_not_sent",
            "cert_issuer_not_sent_ca_given",
            "cert_other_ca",
            "cert_unknown_ca",
        ]
    )
)


# The advice ids that bring their own title and meaning (`advice_case.<id>`): the catalogue test checks them.
OWN_TEXT_IDS: tuple[str, ...] = tuple(
    dict.fromkeys([rule.advice for rule in _REPLY_RULES if rule.own_texts] + ["temporary_unclear", "no_name_service"])
)
# Windows-integrated logins: they need a domain account and a Windows client; no mail library of a Linux
# server speaks them (lettre offers PLAIN, LOGIN, XOAUTH2).
_WINDOWS_MECHANISMS = frozenset({"NTLM", "GSSAPI", "KERBEROS", "X-EXPS", "MSN"})


def _reply_advice(ctx: Context, code: DiagnosisCode) -> Advice | None:
    if not ctx.reply:
        return None
    for rule in _REPLY_RULES:
        if rule.codes is not None and code not in rule.codes:
            continue
        if not rule.pattern.search(f"{ctx.reply_code} {ctx.reply}"):
            continue
        if rule.when is not None and not rule.when(ctx):
            continue
        recoded = rule.recode(ctx) if rule.recode else None
        return Advice(rule.advice, "reply", recoded or code, own_texts=rule.own_texts)
    return None


def _offered_advice(ctx: Context, code: DiagnosisCode) -> Advice | None:
    """What the server's EHLO said, or a failure the engine named: facts of this conversation."""
    if ctx.reason == "plaintext_auth":
        return Advice("plaintext_auth", "reply", code)
    if ctx.reason:  # e.g. sender_needs_smtputf8: named by the engine, worded in server_truth.toml
        return Advice(ctx.reason, "reply", code, text_id=f"diagnosis.hint.{ctx.reason}")
    if code is not C.AUTH_UNAVAILABLE or ctx.auth_offered is None:
        return None
    offered = {m.upper() for m in ctx.auth_offered}
    if not ctx.encrypted:
        if offered & USABLE_MECHANISMS:
            return None
        return Advice("auth_needs_tls", "reply", code)
    if not offered:
        return None  # decided below: the provider may know the submission host, else "no_auth_after_tls"
    if offered <= _WINDOWS_MECHANISMS:
        # Exchange on-premises with Basic authentication off on its receive connector: not an OAuth matter.
        return Advice("auth_windows_only", "reply", code, {"offered": " ".join(sorted(offered))})
    return Advice("auth_mechanism_unsupported", "reply", code, {"offered": " ".join(sorted(offered))})


def provider_of_host(host: str, login: str = "") -> tuple[Provider | None, bool]:
    """The provider whose submission host this is, or (second value True) whose MX pattern it matches.
    A Microsoft host with a personal Outlook.com login is Outlook.com, not Microsoft 365."""
    name = host.lower().rstrip(".")
    table = providers()
    by_host = next((p for p in table if name == p.host or name.endswith("." + p.host)), None)
    if by_host is not None:
        if by_host.id in _MICROSOFT_IDS:
            personal = provider_for_domain(_domain(login))
            if personal is not None and personal.id == "outlook":
                return personal, False
        return by_host, False
    by_mx = next((p for p in table if p.matches_mx(name)), None)
    return by_mx, by_mx is not None


def _provider_advice(ctx: Context, code: DiagnosisCode) -> Advice | None:
    provider, is_mx = provider_of_host(ctx.host, ctx.login)
    if provider is None:
        return None
    # A receiving server offers no login and relays for nobody; one that offered a login is no MX after all.
    if is_mx and code in _MX_SYMPTOMS and not ctx.auth_offered:
        params = {"provider": provider.name, "submission_host": provider.host, "submission_port": str(provider.port)}
        return Advice("mx_not_submission", "provider", code, params)
    if code not in _AUTH_CODES:
        return None
    if provider.id == "outlook":
        return Advice("ms_personal_password_login_ended", "provider", code)
    return Advice(f"provider.{provider.id}", "provider", code, text_id=provider.hint)


def _generic_advice(ctx: Context, code: DiagnosisCode) -> Advice:
    def pick(advice_id: str) -> Advice:
        return Advice(advice_id, "generic", code)

    if ctx.by_deadline:
        return pick("slow_server")
    if code is C.TLS_WRONG_MODE:
        return pick("wrong_mode_plain_port" if ctx.security is Security.SMTPS else "wrong_mode_tls_port")
    if code is C.AUTH_UNAVAILABLE and ctx.encrypted and ctx.auth_offered is not None:
        return pick("no_auth_after_tls")  # never "choose an encrypted connection" on an encrypted one
    if ctx.port == 25 and code in _CONNECT_CODES:
        return pick("port25_blocked")
    if code in _LOCAL_CERT_CODES and is_relay_host(ctx.host):
        return pick("local_self_signed")
    if code is C.TEMPORARY_FAILURE:
        # A 4xx whose words name no cause where waiting helps: say so instead of "wait a few minutes".
        return Advice("temporary_unclear", "generic", code, own_texts=True)
    return Advice("generic", "generic", code, text_id=f"diagnosis.{code}.advice")


_SENDER_SIDE = frozenset({C.SENDER_REJECTED, C.MESSAGE_REJECTED})


def _no_name_service(ctx: Context) -> bool:
    """A lookup that failed for want of a name server (no DNS, no network), or for a host whose spelling the
    wizard vouches for (a provider's own submission host): "check the spelling" would send the user in a
    circle. A name server that said "no such name" for a typed host keeps the spelling advice."""
    if ctx.lookup_failure == "no_answer" or ctx.host_suggested:
        return True
    provider, is_mx = provider_of_host(ctx.host, ctx.login)
    return provider is not None and not is_mx and ctx.host.lower().rstrip(".") == provider.host


def _wildcard_too_shallow(names: tuple[str, ...], host: str) -> str:
    """The wildcard name that would cover `host` but for its depth ("*.example.com" for a.b.example.com: a
    wildcard stands for exactly one label, RFC 6125 §6.4.3), or ""."""
    host = host.lower().rstrip(".")
    for name in names:
        if name.startswith("*.") and host.endswith(name[1:].lower()) and host.count(".") > name.count("."):
            return name
    return ""


def _certificate_advice(ctx: Context, code: DiagnosisCode) -> Advice | None:
    """Advice by the certificate's own facts, from the second look (SPEC §12 rev 3): a name mismatch names the
    names it holds (never "trust the CA"); an incomplete chain is the mail server admin's fix; an unknown CA
    is trusted on the server host; an expired one says its dates. Never "give the CA file" when one was."""
    cert = ctx.cert
    if cert is None:
        return None
    params = {
        "names": ", ".join(cert.names) or "—",
        "issuer": cert.issuer,
        "not_before": cert.not_before,
        "not_after": cert.not_after,
        "ca_file": ctx.ca_file,
    }
    if code is C.CERT_HOSTNAME_MISMATCH:
        wildcard = _wildcard_too_shallow(cert.names, ctx.host)
        if wildcard:
            return Advice("cert_wildcard_depth", "reply", code, {**params, "wildcard": wildcard})
        return Advice("cert_names", "reply", code, params)
    if code is C.CERT_EXPIRED:
        if cert.dated:  # an intermediate the server sent, not its own certificate
            return Advice("cert_dates_intermediate", "reply", code, {**params, "dated": cert.dated})
        return Advice("cert_dates", "reply", code, params)
    if code is not C.CERT_UNTRUSTED:
        return None
    if not ctx.ca_file and not cert.has_ca_issuers_url and is_relay_host(ctx.host):
        return None  # a relay here with its own CA: "local_self_signed" says to trust it on the server host
    if cert.leaf_only and not cert.issuer_in_store:
        # A certificate that says where its issuer is published (AIA caIssuers, as public and company CAs
        # issue them) names an intermediate the server should have sent; without that, either fix fits.
        if cert.has_ca_issuers_url:
            return Advice("cert_chain_incomplete", "reply", code, params)
        return Advice("cert_issuer_not_sent_ca_given" if ctx.ca_file else "cert_issuer_not_sent", "reply", code, params)
    if ctx.ca_file:
        return Advice("cert_other_ca", "reply", code, params)  # the given CA did not sign it
    return Advice("cert_unknown_ca", "reply", code, params)


def choose_advice(code: DiagnosisCode, ctx: Context) -> Advice:
    """The one piece of advice for `code` in this context: the server's reply first, then the provider of
    the host, then the generic text (see the module docstring). Never raises.

    One fact outranks the reply: BOMnipotent sends as its login (SPEC §2 rev 2), so a refused sender whose
    login is no mail address (`apikey`, an access key id) is explained by that, whatever the server's words."""
    if code is C.DNS_FAILED and _no_name_service(ctx):
        return Advice("no_name_service", "generic", code, own_texts=True)
    reply = _reply_advice(ctx, code)
    final = reply.code if reply else code
    if final in _SENDER_SIDE and ctx.login and not is_address(ctx.login):
        return Advice("login_not_address", "reply", final, text_id="diagnosis.hint.login_not_address")
    return (
        reply
        or _offered_advice(ctx, code)
        or _certificate_advice(ctx, code)
        or _provider_advice(ctx, code)
        or _generic_advice(ctx, code)
    )


_LOCAL_SUFFIXES = (".localhost", ".local", ".lan", ".internal", ".home.arpa")


def is_relay_host(host: str) -> bool:
    """A machine on this host or network, where a self-signed certificate is common."""
    name = host.lower().rstrip(".").strip("[]")
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return name == "localhost" or "." not in name or name.endswith(_LOCAL_SUFFIXES)
    return address.is_loopback or address.is_private or address.is_link_local
