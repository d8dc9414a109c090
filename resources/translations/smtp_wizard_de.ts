<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DonePage</name>
    <message>
        <source>Done</source>
        <translation type="vanished">Fertig</translation>
    </message>
    <message>
        <source>What the wizard changed, and what to do next.</source>
        <translation type="vanished">Was der Assistent geändert hat und was als Nächstes zu tun ist.</translation>
    </message>
    <message>
        <location filename="../../wizard/ui/pages/done.py" line="-46"/>
        <source>Files written</source>
        <translation>Geschriebene Dateien</translation>
    </message>
    <message>
        <source>The demo mail server received this &amp;test mail:</source>
        <translation type="vanished">Der Demo-Mailserver hat diese &amp;Testnachricht empfangen:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Received test mail</source>
        <translation>Empfangene Testnachricht</translation>
    </message>
    <message>
        <source>Written:
{files}</source>
        <translation type="vanished">Geschrieben:
{files}</translation>
    </message>
    <message>
        <source>Nothing needed to change; the files are as they were.</source>
        <translation type="vanished">Es musste nichts geändert werden; die Dateien sind unverändert.</translation>
    </message>
    <message>
        <source>Run this wizard again as soon as you have a mail server.</source>
        <translation type="vanished">Führen Sie diesen Assistenten erneut aus, sobald Sie einen Postausgangsserver (SMTP) haben.</translation>
    </message>
    <message>
        <source>Restart BOMnipotent Server so it uses the new mail settings.</source>
        <translation type="vanished">Starten Sie BOMnipotent Server neu, damit er die neuen E-Mail-Einstellungen verwendet.</translation>
    </message>
    <message>
        <source>Saving the password in the system keyring…</source>
        <translation type="vanished">Das Passwort wird im Schlüsselbund des Systems gespeichert…</translation>
    </message>
</context>
<context>
    <name>SecretPage</name>
    <message>
        <source>Password or API key</source>
        <translation type="vanished">Passwort oder API-Schlüssel</translation>
    </message>
    <message>
        <source>The secret goes into a .env file next to config.toml; config.toml only refers to it.</source>
        <translation type="vanished">Das Passwort oder der API-Schlüssel kommt in eine .env-Datei neben config.toml; config.toml verweist nur darauf.</translation>
    </message>
    <message>
        <source>&amp;Enter a password or API key</source>
        <translation type="vanished">Passwort oder API-Schlüssel &amp;eingeben</translation>
    </message>
    <message>
        <source>&amp;Keep the stored one (it is not shown)</source>
        <translation type="vanished">Gespeichertes &amp;beibehalten (es wird nicht angezeigt)</translation>
    </message>
    <message>
        <source>N&amp;o password (a relay that needs no login)</source>
        <translation type="vanished">&amp;Kein Passwort (ein Relay, das keine Anmeldung braucht)</translation>
    </message>
    <message>
        <location filename="../../wizard/ui/pages/secret.py" line="-108"/>
        <source>S&amp;how</source>
        <translation>A&amp;nzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the password</source>
        <translation>Passwort anzeigen</translation>
    </message>
    <message>
        <source>Variable name in .env</source>
        <translation type="vanished">Variablenname in .env</translation>
    </message>
    <message>
        <source>Also re&amp;member it in the system keyring</source>
        <translation type="vanished">Zusätzlich im Schlüsselbund des Systems &amp;merken</translation>
    </message>
    <message>
        <source>&amp;Use the password remembered in the keyring</source>
        <translation type="vanished">Passwort aus dem Schlüsselbund ein&amp;setzen</translation>
    </message>
    <message>
        <source>The password of the mail account, or the app password or API key your provider gave you.</source>
        <translation type="vanished">Das Passwort des E-Mail-Kontos oder das App-Passwort bzw. der API-Schlüssel Ihres Anbieters.</translation>
    </message>
    <message>
        <source>It is stored only in the .env file next to config.toml (and, if you choose, in the system keyring); config.toml refers to it by the variable name below. The wizard never shows it again and never puts it into logs or reports.</source>
        <translation type="vanished">Es wird nur in der .env-Datei neben config.toml gespeichert (und, wenn Sie es wählen, im Schlüsselbund des Systems); config.toml verweist über den Variablennamen darunter darauf. Der Assistent zeigt es nie wieder an und schreibt es nie in Protokolle oder Berichte.</translation>
    </message>
    <message>
        <source>The name under which the password is kept in .env.</source>
        <translation type="vanished">Der Name, unter dem das Passwort in .env steht.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>BOMnipotent Server reads the password from this variable. Keep SMTP_SECRET unless your .env already uses another name.</source>
        <translation>BOMnipotent Server liest das Passwort aus dieser Variablen. Behalten Sie SMTP_SECRET bei, außer Ihre .env verwendet bereits einen anderen Namen.</translation>
    </message>
    <message>
        <source>&amp;Password or API key:</source>
        <translation type="vanished">&amp;Passwort oder API-Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;Variable name:</source>
        <translation type="vanished">&amp;Variablenname:</translation>
    </message>
    <message>
        <source>Many providers want an app password or API key here rather than your normal password (for example Gmail with two-step verification, or SendGrid&apos;s API key).</source>
        <translation type="vanished">Viele Anbieter erwarten hier ein App-Passwort oder einen API-Schlüssel statt Ihres normalen Passworts (zum Beispiel Gmail mit Bestätigung in zwei Schritten oder der API-Schlüssel von SendGrid).</translation>
    </message>
    <message>
        <source>&amp;Keep the stored one ({var} in .env; it is not shown)</source>
        <translation type="vanished">Gespeichertes &amp;beibehalten ({var} in .env; es wird nicht angezeigt)</translation>
    </message>
</context>
<context>
    <name>SecurityPage</name>
    <message>
        <source>Encryption</source>
        <translation type="vanished">Verschlüsselung</translation>
    </message>
    <message>
        <source>How is the connection to the mail server protected?</source>
        <translation type="vanished">Wie wird die Verbindung zum Postausgangsserver (SMTP) geschützt?</translation>
    </message>
    <message>
        <source>&amp;Implicit TLS (recommended)</source>
        <translation type="vanished">&amp;Implizites TLS (empfohlen)</translation>
    </message>
    <message>
        <source>&amp;STARTTLS</source>
        <translation type="vanished">S&amp;TARTTLS</translation>
    </message>
    <message>
        <source>N&amp;one (only for a relay on this computer or network)</source>
        <translation type="vanished">&amp;Keine (nur für ein Relay auf diesem Rechner oder im lokalen Netz)</translation>
    </message>
    <message>
        <source>The connection is encrypted from the first byte, usually on port 465.</source>
        <translation type="vanished">Die Verbindung ist ab dem ersten Byte verschlüsselt, meist auf Port 465.</translation>
    </message>
    <message>
        <source>The connection starts unencrypted and switches to encryption before anything secret is sent, usually on port 587.</source>
        <translation type="vanished">Die Verbindung beginnt unverschlüsselt und wechselt zur Verschlüsselung, bevor etwas Geheimes gesendet wird, meist auf Port 587.</translation>
    </message>
    <message>
        <source>Nothing is encrypted: anyone on the way can read the mail and the password.</source>
        <translation type="vanished">Nichts ist verschlüsselt: Jeder auf dem Übertragungsweg kann die E-Mail und das Passwort lesen.</translation>
    </message>
    <message>
        <source>Use port &amp;465</source>
        <translation type="vanished">Port &amp;465 verwenden</translation>
    </message>
    <message>
        <source>Use port &amp;587</source>
        <translation type="vanished">Port &amp;587 verwenden</translation>
    </message>
    <message>
        <source>Server: {host}, port {port}.</source>
        <translation type="vanished">Server: {host}, Port {port}.</translation>
    </message>
    <message>
        <source>&amp;Use STARTTLS on port {port}</source>
        <translation type="vanished">STARTTLS auf Port {port} &amp;verwenden</translation>
    </message>
    <message>
        <source>Use STARTTLS on port {port}</source>
        <translation type="vanished">STARTTLS auf Port {port} verwenden</translation>
    </message>
    <message>
        <source>Port 465 normally expects implicit TLS, and STARTTLS normally uses port 587. Check what your provider says.</source>
        <translation type="vanished">Port 465 erwartet normalerweise implizites TLS, und STARTTLS verwendet normalerweise Port 587. Prüfen Sie die Angaben Ihres Anbieters.</translation>
    </message>
    <message>
        <source>Without encryption the password and the mail travel readable through the network. Choose this only for a relay in a network you trust.</source>
        <translation type="vanished">Ohne Verschlüsselung gehen das Passwort und die E-Mail lesbar durch das Netzwerk. Wählen Sie dies nur für ein Relay in einem Netzwerk, dem Sie vertrauen.</translation>
    </message>
</context>
<context>
    <name>SenderPage</name>
    <message>
        <source>Sender</source>
        <translation type="vanished">Absender</translation>
    </message>
    <message>
        <source>Which address should the server&apos;s mail come from? It is also the login at your mail server.</source>
        <translation type="vanished">Von welcher Adresse sollen die E-Mails des Servers kommen? Sie ist auch der Anmeldename bei Ihrem Mailserver.</translation>
    </message>
    <message>
        <source>&amp;My login at the mail server is not my mail address</source>
        <translation type="vanished">&amp;Mein Anmeldename beim Mailserver ist nicht meine Mailadresse</translation>
    </message>
    <message>
        <source>Mail address</source>
        <translation type="vanished">Mailadresse</translation>
    </message>
    <message>
        <source>BOMnipotent logs in with this name and sends its mail as it.</source>
        <translation type="vanished">BOMnipotent meldet sich mit diesem Namen an und versendet seine E-Mails unter ihm.</translation>
    </message>
    <message>
        <source>Recipients see this address as the sender; it is also the login.</source>
        <translation type="vanished">Empfänger sehen diese Adresse als Absender; sie ist auch der Anmeldename.</translation>
    </message>
    <message>
        <location filename="../../wizard/ui/pages/sender.py" line="+37"/>
        <source>BOMnipotent Server logs in with this name and sends its mail, for example the check of a new user&apos;s address, from it: its settings have no separate sender. Take an address of a domain you control, whose mailbox is the account at your mail provider.</source>
        <translation>BOMnipotent Server meldet sich mit diesem Namen an und versendet von ihm seine E-Mails, zum Beispiel die Prüfung der Adresse neuer Benutzer: Seine Einstellungen kennen keinen eigenen Absender. Verwenden Sie eine Adresse einer Domain, die Sie verwalten, deren Postfach das Konto bei Ihrem E-Mail-Anbieter ist.</translation>
    </message>
    <message>
        <source>Some providers issue a login such as “apikey” (SendGrid) or an Amazon SES user name.</source>
        <translation type="vanished">Manche Anbieter vergeben einen Anmeldenamen wie „apikey“ (SendGrid) oder einen Amazon-SES-Benutzernamen.</translation>
    </message>
    <message>
        <source>BOMnipotent sends its mail as its login, and this login is not a mail address: most mail servers will refuse such a sender. Two ways out: an account whose login is your address, or the local relay from the BOMnipotent documentation (msmtpd with its own SMTP_FROM). Continue only if your mail server accepts this login as the sender.</source>
        <translation type="vanished">BOMnipotent versendet seine E-Mails unter seinem Anmeldenamen, und dieser ist keine Mailadresse: Die meisten Mailserver lehnen einen solchen Absender ab. Zwei Auswege: ein Konto, dessen Anmeldename Ihre Adresse ist, oder das lokale Relay aus der BOMnipotent-Dokumentation (msmtpd mit eigenem SMTP_FROM). Fahren Sie nur fort, wenn Ihr Mailserver diesen Anmeldenamen als Absender annimmt.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="vanished">&amp;Adresse:</translation>
    </message>
    <message>
        <source>Which address should the server&apos;s mail come from?</source>
        <translation type="vanished">Von welcher Adresse sollen die E-Mails des Servers kommen?</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation type="vanished">Absenderadresse</translation>
    </message>
    <message>
        <source>bom@yourdomain.com</source>
        <translation type="vanished">bom@ihre-domain.de</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="vanished">Anzeigename</translation>
    </message>
    <message>
        <source>optional, for example “BOMnipotent”</source>
        <translation type="vanished">optional, zum Beispiel „BOMnipotent“</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation type="vanished">Anmeldename</translation>
    </message>
    <message>
        <source>Recipients see this address as the sender.</source>
        <translation type="vanished">Empfänger sehen diese Adresse als Absender.</translation>
    </message>
    <message>
        <source>BOMnipotent Server sends its mail, for example the check of a new user&apos;s address, from this address. Take an address of a domain you control: most providers let you send only from the addresses of your own account.</source>
        <translation type="vanished">BOMnipotent Server versendet seine E-Mails, zum Beispiel die Prüfung der Adresse neuer Benutzer, von dieser Adresse. Verwenden Sie eine Adresse einer Domain, die Sie verwalten: Die meisten Anbieter erlauben nur Absenderadressen des eigenen Kontos.</translation>
    </message>
    <message>
        <source>Shown next to the address in the recipient&apos;s mail program.</source>
        <translation type="vanished">Wird im E-Mail-Programm des Empfängers neben der Adresse angezeigt.</translation>
    </message>
    <message>
        <source>Optional. A readable name such as “BOMnipotent” makes the mail easier to recognise.</source>
        <translation type="vanished">Optional. Ein lesbarer Name wie „BOMnipotent“ macht die E-Mail leichter erkennbar.</translation>
    </message>
    <message>
        <source>The user name for logging in to the mail server.</source>
        <translation type="vanished">Der Benutzername für die Anmeldung am Postausgangsserver (SMTP).</translation>
    </message>
    <message>
        <source>Most providers take the full mail address as the login. Some use a fixed name instead, for example “apikey” at SendGrid, or a separate user name listed in their SMTP settings.</source>
        <translation type="vanished">Die meisten Anbieter verwenden die vollständige E-Mail-Adresse als Anmeldenamen. Manche verwenden stattdessen einen festen Namen, zum Beispiel „apikey“ bei SendGrid, oder einen eigenen Benutzernamen aus ihren SMTP-Einstellungen.</translation>
    </message>
    <message>
        <source>Sender &amp;address:</source>
        <translation type="vanished">&amp;Absenderadresse:</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation type="vanished">A&amp;nzeigename:</translation>
    </message>
    <message>
        <source>&amp;Login name:</source>
        <translation type="vanished">&amp;Anmeldename:</translation>
    </message>
    <message>
        <source>The login name is usually the address itself. Some services use another one, for example “apikey” at SendGrid. Leave it empty to use the address.</source>
        <translation type="vanished">Der Anmeldename ist meist die Adresse selbst. Manche Dienste verwenden einen anderen, zum Beispiel „apikey“ bei SendGrid. Lassen Sie das Feld leer, um die Adresse zu verwenden.</translation>
    </message>
    <message>
        <source>same as the sender address</source>
        <translation type="vanished">wie die Absenderadresse</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>S&amp;how</source>
        <translation>Anzei&amp;gen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the password</source>
        <translation>Passwort anzeigen</translation>
    </message>
    <message>
        <source>&amp;Password or API key:</source>
        <translation type="vanished">&amp;Passwort oder API-Schlüssel:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Recognised mail server</source>
        <translation>Erkannter Mailserver</translation>
    </message>
    <message>
        <source>Found: {host}, port {port}, {security}.</source>
        <translation type="vanished">Gefunden: {host}, Port {port}, {security}.</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Outgoing mail server (SMTP)</source>
        <translation type="vanished">Postausgangsserver (SMTP)</translation>
    </message>
    <message>
        <source>Where does the server hand its mail over? Pick a suggestion or enter it.</source>
        <translation type="vanished">Wo gibt der Server seine E-Mails ab? Wählen Sie einen Vorschlag oder geben Sie den Server selbst ein.</translation>
    </message>
    <message>
        <location filename="../../wizard/ui/pages/server.py" line="-58"/>
        <source>Suggested servers</source>
        <translation>Vorgeschlagene Server</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Use suggestion</source>
        <translation>Vorschlag ü&amp;bernehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De&amp;tect</source>
        <translation>&amp;Ermitteln</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look up the server in DNS and in autoconfig documents and try the usual names and ports</source>
        <translation>Den Server im DNS und in Autoconfig-Dokumenten nachschlagen und die üblichen Namen und Ports ausprobieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel detection</source>
        <translation>Ermittlung abbrechen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Detecting</source>
        <translation>Ermittlung läuft</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation type="vanished">Servername</translation>
    </message>
    <message>
        <source>smtp.yourdomain.com</source>
        <translation type="vanished">smtp.ihre-domain.de</translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="vanished">Port</translation>
    </message>
    <message>
        <source>A &amp;relay on this computer or network (no encryption)</source>
        <translation type="vanished">Ein &amp;Relay auf diesem Rechner oder im lokalen Netz (keine Verschlüsselung)</translation>
    </message>
    <message>
        <source>The name of your provider&apos;s outgoing mail server, for example smtp.yourdomain.com.</source>
        <translation type="vanished">Der Name des Postausgangsservers (SMTP) Ihres Anbieters, zum Beispiel smtp.ihre-domain.de.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Providers list this name under “SMTP”, “outgoing mail server” or “settings for mail programs”. Enter a name rather than an IP address, so that the server&apos;s certificate can be checked. “Detect” tries the usual names for your sender address.</source>
        <translation>Anbieter nennen diesen Namen unter „SMTP“, „Postausgangsserver“ oder „Einstellungen für E-Mail-Programme“. Geben Sie einen Namen statt einer IP-Adresse ein, damit das Zertifikat des Servers geprüft werden kann. „Ermitteln“ probiert die üblichen Namen für Ihre Absenderadresse aus.</translation>
    </message>
    <message>
        <source>Usually 465 (implicit TLS) or 587 (STARTTLS); 25 only for a local relay.</source>
        <translation type="vanished">Meist 465 (implizites TLS) oder 587 (STARTTLS); 25 nur für ein lokales Relay.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The network port the mail server listens on. Providers almost always offer 465, encrypted from the first byte, or 587 with STARTTLS. Port 25 is meant for mail servers among themselves and is often blocked for outgoing connections.</source>
        <translation>Der Netzwerk-Port, auf dem der Postausgangsserver (SMTP) erreichbar ist. Anbieter bieten fast immer 465 (ab dem ersten Byte verschlüsselt) oder 587 mit STARTTLS an. Port 25 ist für Mailserver untereinander gedacht und für ausgehende Verbindungen oft gesperrt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Servers found for your sender address: from the list of known providers, from DNS, from the domain&apos;s own autoconfig document and from Thunderbird&apos;s database. Choose one and press “Use suggestion” to fill in the name, port and encryption.</source>
        <translation>Server, die für Ihre Absenderadresse gefunden wurden: aus der Liste bekannter Anbieter, aus dem DNS, aus dem Autoconfig-Dokument der Domain und aus der Datenbank von Thunderbird. Wählen Sie einen aus und klicken Sie auf „Vorschlag übernehmen“, um Name, Port und Verschlüsselung einzutragen.</translation>
    </message>
    <message>
        <source>&amp;Suggestions:</source>
        <translation type="vanished">&amp;Vorschläge:</translation>
    </message>
    <message>
        <source>Ser&amp;ver name:</source>
        <translation type="vanished">Server&amp;name:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="vanished">&amp;Port:</translation>
    </message>
    <message>
        <source>{host}, port {port}, {security} ({where})</source>
        <translation type="vanished">{host}, Port {port}, {security} ({where})</translation>
    </message>
    <message>
        <source>Looking for the server of {address}…</source>
        <translation type="vanished">Der Server für {address} wird gesucht…</translation>
    </message>
    <message>
        <source>Found {count} server(s).</source>
        <translation type="vanished">{count} Server gefunden.</translation>
    </message>
    <message>
        <source>No server found; please enter it by hand.</source>
        <translation type="vanished">Kein Server gefunden; bitte geben Sie ihn selbst ein.</translation>
    </message>
    <message>
        <source>Detection cancelled.</source>
        <translation type="vanished">Ermittlung abgebrochen.</translation>
    </message>
    <message>
        <source>Detection failed: {reason}</source>
        <translation type="vanished">Ermittlung fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>Suggestions appear here: from the list of known providers, or press Detect to look up the server.</source>
        <translation type="vanished">Hier erscheinen Vorschläge: aus der Liste bekannter Anbieter, oder drücken Sie „Ermitteln“, um den Server nachzuschlagen.</translation>
    </message>
    <message>
        <source>Demo mode: the wizard&apos;s own demo mail server on {host}, port {port}, is filled in.</source>
        <translation type="vanished">Demo-Modus: Der eigene Demo-Mailserver des Assistenten auf {host}, Port {port}, ist eingetragen.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../wizard/ui/wizard.py" line="+83"/>
        <source>SMTP Setup Wizard</source>
        <translation>SMTP-Einrichtungsassistent</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation type="vanished">Zusammenfassung</translation>
    </message>
    <message>
        <source>Check what will be written. Nothing has been changed yet.</source>
        <translation type="vanished">Prüfen Sie, was geschrieben wird. Bisher wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../../wizard/ui/pages/summary.py" line="-136"/>
        <source>Write and &amp;finish</source>
        <translation>Schreiben und &amp;fertigstellen</translation>
    </message>
    <message>
        <source>The [smtp] &amp;section that will be written:</source>
        <translation type="vanished">Der &amp;Abschnitt [smtp], der geschrieben wird:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The [smtp] section</source>
        <translation>Der Abschnitt [smtp]</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+118"/>
        <location line="+8"/>
        <source>C&amp;hanges to config.toml (red: removed, green: added):</source>
        <translation>Ä&amp;nderungen an config.toml (rot: entfernt, grün: hinzugefügt):</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>Changes to config.toml</source>
        <translation>Änderungen an config.toml</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The .env entry</source>
        <translation>Der Eintrag in .env</translation>
    </message>
    <message>
        <source>So that your mail arrives</source>
        <translation type="vanished">Damit Ihre E-Mails ankommen</translation>
    </message>
    <message>
        <source>Send from an address meant only for the server (for example bom@yourdomain.com), not from a person&apos;s mailbox: a changed personal password then cannot stop the server&apos;s mail.</source>
        <translation type="vanished">Senden Sie von einer Adresse, die nur für den Server bestimmt ist (zum Beispiel bom@ihre-domain.de), nicht vom Postfach einer Person: Dann kann ein geändertes persönliches Passwort den E-Mail-Versand des Servers nicht unterbrechen.</translation>
    </message>
    <message>
        <source>Have SPF, DKIM and DMARC records published in DNS for the sender&apos;s domain (your mail provider tells you which). Without them, many recipients file the mail as spam or refuse it.</source>
        <translation type="vanished">Lassen Sie für die Domain der Absenderadresse SPF-, DKIM- und DMARC-Einträge im DNS veröffentlichen (welche, sagt Ihr E-Mail-Anbieter). Ohne sie stufen viele Empfänger die E-Mail als Spam ein oder lehnen sie ab.</translation>
    </message>
    <message>
        <source>Run this wizard&apos;s test again after every change of password, provider or DNS records.</source>
        <translation type="vanished">Wiederholen Sie den Test dieses Assistenten nach jeder Änderung von Passwort, Anbieter oder DNS-Einträgen.</translation>
    </message>
    <message>
        <source>&amp;Read the files again</source>
        <translation type="vanished">Dateien erneut &amp;lesen</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation type="vanished">Datei: {path}</translation>
    </message>
    <message>
        <source>{name} (before)</source>
        <translation type="vanished">{name} (vorher)</translation>
    </message>
    <message>
        <source>{name} (after)</source>
        <translation type="vanished">{name} (nachher)</translation>
    </message>
    <message>
        <source>config.toml stays as it is.</source>
        <translation type="vanished">config.toml bleibt unverändert.</translation>
    </message>
    <message>
        <source>These settings are saved without a passing test.</source>
        <translation type="vanished">Diese Einstellungen werden ohne bestandenen Test gespeichert.</translation>
    </message>
    <message>
        <source>No password: .env is not needed.</source>
        <translation type="vanished">Kein Passwort: .env wird nicht benötigt.</translation>
    </message>
    <message>
        <source>{env} will contain: {var}=&quot;{mask}&quot;</source>
        <translation type="vanished">{env} wird enthalten: {var}=&quot;{mask}&quot;</translation>
    </message>
    <message>
        <source>{env} keeps {var} as it is.</source>
        <translation type="vanished">{env} behält {var} unverändert.</translation>
    </message>
    <message>
        <source>Only the password changed: restart BOMnipotent Server so it reads it.</source>
        <translation type="vanished">Nur das Passwort hat sich geändert: Starten Sie BOMnipotent Server neu, damit er es einliest.</translation>
    </message>
    <message>
        <source>Warning: these settings are saved without a passing test. BOMnipotent Server may fail to send its mail; run this wizard&apos;s test again once the mail server can be reached.</source>
        <translation type="vanished">Warnung: Diese Einstellungen werden ohne bestandenen Test gespeichert. BOMnipotent Server kann seine Mails womöglich nicht versenden; führen Sie den Test dieses Assistenten erneut aus, sobald der Mailserver erreichbar ist.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Untested settings</source>
        <translation>Ungetestete Einstellungen</translation>
    </message>
</context>
<context>
    <name>TestPage</name>
    <message>
        <source>Look up the server name</source>
        <translation type="vanished">Servernamen nachschlagen</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="vanished">Verbinden</translation>
    </message>
    <message>
        <source>Encrypt the connection (TLS)</source>
        <translation type="vanished">Verbindung verschlüsseln (TLS)</translation>
    </message>
    <message>
        <source>Server greeting</source>
        <translation type="vanished">Begrüßung durch den Server</translation>
    </message>
    <message>
        <source>Introduce ourselves (EHLO)</source>
        <translation type="vanished">Vorstellen (EHLO)</translation>
    </message>
    <message>
        <source>Switch to encryption (STARTTLS)</source>
        <translation type="vanished">Auf Verschlüsselung umschalten (STARTTLS)</translation>
    </message>
    <message>
        <source>Introduce ourselves again (EHLO)</source>
        <translation type="vanished">Erneut vorstellen (EHLO)</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="vanished">Anmelden</translation>
    </message>
    <message>
        <source>Sender (MAIL FROM)</source>
        <translation type="vanished">Absender (MAIL FROM)</translation>
    </message>
    <message>
        <source>Recipient (RCPT TO)</source>
        <translation type="vanished">Empfänger (RCPT TO)</translation>
    </message>
    <message>
        <source>Send the test mail (DATA)</source>
        <translation type="vanished">Testnachricht senden (DATA)</translation>
    </message>
    <message>
        <source>Say goodbye (QUIT)</source>
        <translation type="vanished">Verabschieden (QUIT)</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="vanished">wartet</translation>
    </message>
    <message>
        <source>running…</source>
        <translation type="vanished">läuft…</translation>
    </message>
    <message>
        <source>done</source>
        <translation type="vanished">erledigt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="vanished">fehlgeschlagen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="vanished">übersprungen</translation>
    </message>
    <message>
        <source>Change the server name…</source>
        <translation type="vanished">Servernamen ändern…</translation>
    </message>
    <message>
        <source>Change the server or port…</source>
        <translation type="vanished">Server oder Port ändern…</translation>
    </message>
    <message>
        <source>Change the encryption…</source>
        <translation type="vanished">Verschlüsselung ändern…</translation>
    </message>
    <message>
        <source>Change the password…</source>
        <translation type="vanished">Passwort ändern…</translation>
    </message>
    <message>
        <source>Enter a password…</source>
        <translation type="vanished">Passwort eingeben…</translation>
    </message>
    <message>
        <source>Change the sender or login…</source>
        <translation type="vanished">Absender oder Anmeldenamen ändern…</translation>
    </message>
    <message>
        <source>Change the sender…</source>
        <translation type="vanished">Absender ändern…</translation>
    </message>
    <message>
        <source>Change the test recipient…</source>
        <translation type="vanished">Testempfänger ändern…</translation>
    </message>
    <message>
        <source>C&amp;hange the server name…</source>
        <translation type="vanished">Servernamen än&amp;dern…</translation>
    </message>
    <message>
        <source>C&amp;hange the server or port…</source>
        <translation type="vanished">Server oder Port än&amp;dern…</translation>
    </message>
    <message>
        <source>C&amp;hange the encryption…</source>
        <translation type="vanished">Verschlüsselung än&amp;dern…</translation>
    </message>
    <message>
        <source>C&amp;hange the password…</source>
        <translation type="vanished">Passwort än&amp;dern…</translation>
    </message>
    <message>
        <source>&amp;Enter a password…</source>
        <translation type="vanished">Passwort ein&amp;geben…</translation>
    </message>
    <message>
        <source>C&amp;hange the sender or login…</source>
        <translation type="vanished">Absender oder Anmeldenamen än&amp;dern…</translation>
    </message>
    <message>
        <source>C&amp;hange the sender…</source>
        <translation type="vanished">Absender än&amp;dern…</translation>
    </message>
    <message>
        <source>C&amp;hange the test recipient…</source>
        <translation type="vanished">Testempfänger än&amp;dern…</translation>
    </message>
    <message>
        <source>Live test</source>
        <translation type="vanished">Live-Test</translation>
    </message>
    <message>
        <source>The wizard now connects to the mail server exactly as BOMnipotent Server will.</source>
        <translation type="vanished">Der Assistent verbindet sich jetzt genau so mit dem Postausgangsserver (SMTP), wie es BOMnipotent Server tun wird.</translation>
    </message>
    <message>
        <source>Test mail recipient</source>
        <translation type="vanished">Empfänger der Testnachricht</translation>
    </message>
    <message>
        <source>empty: only connect and log in</source>
        <translation type="vanished">leer: nur verbinden und anmelden</translation>
    </message>
    <message>
        <source>Where the test mail goes. Empty: only connect and log in.</source>
        <translation type="vanished">Wohin die Testnachricht geht. Leer: nur verbinden und anmelden.</translation>
    </message>
    <message>
        <location filename="../../wizard/ui/pages/test.py" line="-317"/>
        <source>The wizard sends a short test mail to this address, the way BOMnipotent Server sends its mail. Choose a mailbox you can read: then you also see whether the mail arrives and stays out of the spam folder.</source>
        <translation>Der Assistent sendet eine kurze Testnachricht an diese Adresse, so wie BOMnipotent Server seine E-Mails versendet. Wählen Sie ein Postfach, das Sie lesen können: Dann sehen Sie auch, ob die E-Mail ankommt und nicht im Spam-Ordner landet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel test</source>
        <translation>Test a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Send a test mail &amp;to:</source>
        <translation type="vanished">Testnachricht senden &amp;an:</translation>
    </message>
    <message>
        <source>Send the password &amp;without encryption (I trust this network)</source>
        <translation type="vanished">Passwort &amp;unverschlüsselt senden (ich vertraue diesem Netzwerk)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Test steps</source>
        <translation>Testschritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test ste&amp;ps:</source>
        <translation>Test&amp;schritte:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Test progress</source>
        <translation>Testfortschritt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Test result</source>
        <translation>Testergebnis</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Details</source>
        <translation>Einze&amp;lheiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;opy report</source>
        <translation>Bericht &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Save these settings without a passing test</source>
        <translation type="vanished">Diese Einstellungen &amp;ohne bestandenen Test speichern</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Test details</source>
        <translation>Einzelheiten des Tests</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Con&amp;versation with the server:</source>
        <translation>Gesprächs&amp;verlauf mit dem Server:</translation>
    </message>
    <message>
        <source>Testing {host}, port {port}…</source>
        <translation type="vanished">{host}, Port {port} wird getestet…</translation>
    </message>
    <message>
        <source>The test passed: the server accepted the test mail.</source>
        <translation type="vanished">Test bestanden: Der Server hat die Testnachricht angenommen.</translation>
    </message>
    <message>
        <source>The test passed: connecting and logging in work.</source>
        <translation type="vanished">Test bestanden: Verbinden und Anmelden funktionieren.</translation>
    </message>
    <message>
        <location line="+195"/>
        <source>These settings work. Continue to see what will be written.</source>
        <translation>Diese Einstellungen funktionieren. Klicken Sie auf „Weiter“, um zu sehen, was geschrieben wird.</translation>
    </message>
    <message>
        <source>The server said: {reply}</source>
        <translation type="vanished">Der Server antwortete: {reply}</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>The test could not run ({kind}).</source>
        <translation>Der Test konnte nicht ausgeführt werden ({kind}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is a fault in the wizard, not in your settings. Press Retry.</source>
        <translation>Dies ist ein Fehler im Assistenten, nicht in Ihren Einstellungen. Klicken Sie auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>What the test is waiting for</source>
        <translation>Worauf der Test wartet</translation>
    </message>
    <message>
        <location line="+297"/>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{waiting}: {elapsed} s (at most {limit} s)</source>
        <translation>{waiting}: {elapsed} s (höchstens {limit} s)</translation>
    </message>
    <message>
        <source>Chan&amp;ge server settings…</source>
        <translation type="vanished">Ser&amp;vereinstellungen ändern …</translation>
    </message>
    <message>
        <source>Retr&amp;y without a password</source>
        <translation type="vanished">Ohne Passwort erneut testen (&amp;y)</translation>
    </message>
</context>
<context>
    <name>WarningList</name>
    <message>
        <location filename="../../wizard/ui/warning_list.py" line="+27"/>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Warning:</source>
        <translation>Warnung:</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Set up outgoing mail</source>
        <translation type="vanished">E-Mail-Versand einrichten</translation>
    </message>
    <message>
        <source>BOMnipotent Server sends mail to verify new users. This wizard finds your mail server&apos;s settings, tests them live and writes them into config.toml.</source>
        <translation type="vanished">BOMnipotent Server sendet E-Mails, um neue Benutzer zu bestätigen. Dieser Assistent ermittelt die Einstellungen Ihres Postausgangsservers (SMTP), testet sie live und schreibt sie in config.toml.</translation>
    </message>
    <message>
        <source>Configuration file</source>
        <translation type="vanished">Konfigurationsdatei</translation>
    </message>
    <message>
        <location filename="../../wizard/ui/pages/welcome.py" line="-95"/>
        <source>B&amp;rowse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the configuration file</source>
        <translation>Konfigurationsdatei auswählen</translation>
    </message>
    <message>
        <source>&amp;Configuration file:</source>
        <translation type="vanished">&amp;Konfigurationsdatei:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="vanished">&amp;Sprache:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="vanished">Sprache</translation>
    </message>
    <message>
        <source>The config.toml of your BOMnipotent Server; it is created if it does not exist yet.</source>
        <translation type="vanished">Die config.toml Ihres BOMnipotent Servers; sie wird angelegt, falls sie noch nicht existiert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The wizard reads this file, shows you every change before writing, and changes only the [smtp] section (or, if you choose, the switch for user verification). The password goes into a .env file in the same folder.</source>
        <translation>Der Assistent liest diese Datei, zeigt Ihnen jede Änderung vor dem Schreiben und ändert nur den Abschnitt [smtp] (oder, wenn Sie es wählen, den Schalter für die Benutzerprüfung). Das Passwort kommt in eine .env-Datei im selben Ordner.</translation>
    </message>
    <message>
        <source>The language of this wizard; it changes at once.</source>
        <translation type="vanished">Die Sprache dieses Assistenten; sie wechselt sofort.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Switches every text of the wizard between English and German. What you entered stays.</source>
        <translation>Schaltet alle Texte des Assistenten zwischen Englisch und Deutsch um. Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What exists already</source>
        <translation>Was bereits vorhanden ist</translation>
    </message>
    <message>
        <source>I have no mail server &amp;yet (switch off user verification for now)</source>
        <translation type="vanished">Ich habe noch k&amp;einen Postausgangsserver (Benutzerbestätigung vorerst abschalten)</translation>
    </message>
    <message>
        <source>Without a mail server</source>
        <translation type="vanished">Ohne Postausgangsserver</translation>
    </message>
    <message>
        <source>Warning: without mail, the server cannot check that people own the address they sign up with, so anyone can register under any address. Use this only until mail works, and run this wizard again before real users sign up.</source>
        <translation type="vanished">Warnung: Ohne E-Mail kann der Server nicht prüfen, ob jemand die Adresse besitzt, mit der er sich registriert – jeder kann sich also unter jeder Adresse registrieren. Verwenden Sie dies nur, bis der E-Mail-Versand funktioniert, und führen Sie diesen Assistenten erneut aus, bevor sich echte Benutzer registrieren.</translation>
    </message>
    <message>
        <source>&amp;Older servers (before 0.7): skip_user_verification = true</source>
        <translation type="vanished">Ä&amp;ltere Server (vor 0.7): skip_user_verification = true</translation>
    </message>
    <message>
        <source>Ne&amp;wer servers (0.7 and later): [user] skip_verification = true</source>
        <translation type="vanished">&amp;Neuere Server (ab 0.7): [user] skip_verification = true</translation>
    </message>
    <message>
        <source>Demo mode: everything happens in the scratch folder {folder}. A mail server on this computer receives the test mail; nothing outside that folder is touched.</source>
        <translation type="vanished">Demo-Modus: Alles geschieht im Arbeitsordner {folder}. Ein Mailserver auf diesem Rechner empfängt die Testnachricht; außerhalb dieses Ordners wird nichts verändert.</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Reading the configuration…</source>
        <translation>Die Konfiguration wird gelesen…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Choose config.toml</source>
        <translation>config.toml auswählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TOML files (*.toml);;All files (*)</source>
        <translation>TOML-Dateien (*.toml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Please choose the configuration file.</source>
        <translation type="vanished">Bitte wählen Sie die Konfigurationsdatei aus.</translation>
    </message>
    <message>
        <source>There is no config.toml here yet; the wizard will create it.</source>
        <translation type="vanished">Hier gibt es noch keine config.toml; der Assistent legt sie an.</translation>
    </message>
    <message>
        <source>config.toml exists and has no [smtp] section yet. Everything else in it stays as it is.</source>
        <translation type="vanished">config.toml ist vorhanden und hat noch keinen Abschnitt [smtp]. Alles andere darin bleibt unverändert.</translation>
    </message>
    <message>
        <source>config.toml already sends mail as {user} through {host}, port {port} ({security}). The next pages are filled in from it.</source>
        <translation type="vanished">Laut config.toml wird bereits als {user} über {host}, Port {port} ({security}) gesendet. Die nächsten Seiten sind damit vorausgefüllt.</translation>
    </message>
    <message>
        <source>The password is stored as {var} in {env}; you can keep it without seeing it.</source>
        <translation type="vanished">Das Passwort ist als {var} in {env} gespeichert; Sie können es beibehalten, ohne es zu sehen.</translation>
    </message>
    <message>
        <source>config.toml refers to {var}, but neither {env} nor the environment defines it.</source>
        <translation type="vanished">config.toml verweist auf {var}, aber weder {env} noch die Umgebung definieren diese Variable.</translation>
    </message>
    <message>
        <source>The existing [smtp] section cannot be used and will be replaced: {problem}</source>
        <translation type="vanished">Der vorhandene Abschnitt [smtp] kann nicht verwendet werden und wird ersetzt: {problem}</translation>
    </message>
    <message>
        <source>User verification is switched off at the moment; setting up mail switches it back on.</source>
        <translation type="vanished">Die Benutzerbestätigung ist derzeit abgeschaltet; das Einrichten des E-Mail-Versands schaltet sie wieder ein.</translation>
    </message>
    <message>
        <source>The layout was detected from your config.toml.</source>
        <translation type="vanished">Das Format wurde aus Ihrer config.toml erkannt.</translation>
    </message>
    <message>
        <source>config.toml gives no hint which server version it is for; the current layout (servers 0.7 and newer) is preselected. Choose the one that matches your server.</source>
        <translation type="vanished">config.toml lässt nicht erkennen, für welche Serverversion sie gedacht ist; das aktuelle Format (Server ab 0.7) ist vorausgewählt. Wählen Sie das Format, das zu Ihrem Server passt.</translation>
    </message>
</context>
</TS>
