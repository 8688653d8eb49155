"""The German words question understanding relies on, as data.

Nothing here is taken from a sample inquiry: the lists follow German question
syntax (interrogatives, verb-first yes/no questions, imperatives) and the
vocabulary of the knowledge-base contract (the inventory's columns, the
budget's categories). Every pattern is matched on lower-cased text; word
boundaries and alternations only, so matching is linear in the input.
"""

from __future__ import annotations

import re

# Intent cues. Each pattern is searched at the start of a clause ("Welche ..., und seit wann ...").
JUDGEMENT = re.compile(
    r"^(wie (bewertet|beurteilt|bewerten|beurteilen|steht|stehen|schätzt|schätzen|positioniert|sieht)\b"
    # … not how others judge it ("wie bewerten die Schulen die Erfahrungen": what they said, a matter of record)
    r"(?! (die|der|den) (\w+e[nr]? )?(schulen|lehrkräfte\w*|beschäftigten|nutzer\w*|nutzende\w*|bürger\w*|"
    r"mitarbeitende\w*|teilnehmende\w*|eltern|schüler\w*|kund\w*|anwender\w*|befragten|fachbereiche|ämter)\b)"
    r"|(hält|halten|sieht|sehen|teilt|teilen|befürwortet|befürworten|erwartet|erwarten|unterstützt|begrüßt)"
    r" (die|der|das|den|sie)\b[^?]*\b(verwaltung|landrat|landrätin|bürgermeister\w*|oberbürgermeister\w*|"
    r"landesregierung|senat|bezirksamt\w*|kreisverwaltung|stadtverwaltung|gemeindeverwaltung|regierung)\b"
    r"|ist die (verwaltung|kreisverwaltung|stadtverwaltung|landesregierung) bereit\b"
    r"|(beabsichtigt|beabsichtigen) (die|der|das)\b"
    r"|welche (\w+e[nr]? )?(haltung|position|auffassung|einschätzung|vorschläge|ideen)\b"
    r"(?! (gibt|gab|wurden|wurde|liegen|lagen))"
    r"|welche (\w+e[nr]? )?(chancen|risiken|potenziale|potentiale|vorteile|nachteile|"
    r"erwartungen|perspektiven|notwendigkeit)\b(?! (haben|hatten|hat|wurden|wurde|gibt|gab|ergaben|ergeben))"
    r"|was hält\b|wie (schätzt|schätzen)\b|inwiefern (hält|sieht|teilt)\b"
    r"|(sieht|sehen) (die|der) \w+ (handlungsbedarf|bedarf|notwendigkeit|chancen|potenzial|risiken)\b)"
)
# What "wie hoch" asks of when it is no money: a share, a count, a consumption ("der jährliche Stromverbrauch")
_QUANTITY = r"(?:\w+ ){0,3}\w*(?:quote|rate|anteil|zahl|prozentsatz|verbrauch|ausstoß|emissionen|menge|dauer)\b"
_ASPECT_WORDS = {
    "date": r"seit wann|bis wann|ab wann|wann|zu welchem zeitpunkt|in welchem zeitraum|welchem jahr|welchen zeitraum|"
    r"welches datum|welchen termin|welcher frist",
    "count": r"wie viele|wie viel(?! geld| kost)|wieviele|welche anzahl|anzahl der|wie groß ist die zahl|in wie vielen|"
    rf"wie hoch {_QUANTITY}",
    # "wie hoch die Fehlerquote ist" asks for a share, not for money
    "amount": rf"wie hoch(?! {_QUANTITY})|in welcher höhe|was kostet|"
    r"was kosten|was (hat|haben)\b[^?]*\bgekostet|welche kosten|"
    r"welche mittel|"
    r"welche[rnms]? (betrag|beträge|summe|ansatz|ansätze|haushaltsansatz|haushaltsmittel)|"
    r"welche haushaltsmittel|welche finanzmittel|welche ausgaben|welches budget|welche summe|welchen betrag|"
    r"welche beträge|aus welchen mitteln|wie viel geld|wie viel kost|beziffern",
    "unit": r"wer|von wem|bei wem|mit wem|welche[mnrs]? (stelle|stellen|organisationseinheit\w*|amt|ämter\w*|"
    r"abteilung\w*|fachbereich\w*|dienststelle\w*|referat\w*|dezernat\w*|person|personen|gremi\w*|einheit\w*|"
    r"behörde\w*|ressort\w*|fachdienst\w*|sachgebiet\w*|team\w*|beschäftigten)",
}
ASPECT = {name: re.compile(rf"^(?:{words})\b") for name, words in _ASPECT_WORDS.items()}

WH_START = re.compile(
    r"^(welche\w*|was|wie|wo|wann|wer|wem|wen|wessen|warum|weshalb|wieso|weswegen|wofür|wozu|womit|wodurch|"
    r"worauf|woran|wovon|woher|wohin|inwieweit|inwiefern|(in|auf|mit|von|bei|nach|für|aus|über|zu|bis|ab|seit|"
    r"unter|durch|an|gegen|um|vor) (welche\w*|wem|wen|wann|was|wie\w*))\b"
)
# Imperatives that ask for a list or an account ("Bitte nennen Sie ...", "Erläutern Sie ...").
LIST_VERB = re.compile(
    r"\b(nennen|benennen|auflisten|listen|aufführen|führen|aufzählen|zählen|angeben|geben|übersenden|vorlegen|"
    r"aufschlüsseln|darlegen|übermitteln)\b( sie)?\b"
)
ACCOUNT_VERB = re.compile(
    r"\b(erläutern|beschreiben|schildern|erklären|darstellen|stellen sie|legen sie|berichten|skizzieren|"
    r"informieren)\b"
)
IMPERATIVE = re.compile(
    r"^(bitte |wir bitten (um|darum)|es wird gebeten|die verwaltung (wird|möge) gebeten)|\b(sie|uns)\b.*\b(bitte)\b|"
    r"^(nennen|benennen|listen|führen|zählen|geben|stellen|legen|erläutern|beschreiben|schildern|erklären|"
    r"berichten|beziffern|skizzieren|übersenden|informieren) sie\b"
)
CONDITION_LEAD = re.compile(
    r"^(und\s+|zudem\s+|ferner\s+|außerdem\s+|darüber hinaus:?\s+)?"
    r"((wenn|falls|sofern|soweit) (ja|nein|nicht|dies \w+|das \w+|zutreffend|dem so ist)[^,]*,\s*"
    r"|(und|zudem|ferner|außerdem|darüber hinaus)[,:]?\s+)"
)
CLAUSE_SPLIT = re.compile(
    r"(?:,|;|\?|\bund\b|\bsowie\b|\boder\b)\s+(?=(?:welche\w*|was|wie|wo|wann|wer|seit|bis|ab|"
    r"warum|weshalb|wofür|wozu|inwieweit|von wem|"
    r"(?:in|auf|aus|für|mit|nach|bei|an|über|unter|zu|durch|gegen|von|vor)\s+welche\w*)\b)"
)

# What a question asks about: the inventory column its answer comes from.
# "Datenschutz-Folgenabschätzung", "Folgenabschätzung" – not "Grundrechte-Folgenabschätzung" (Art. 27 KI-VO)
_DPIA = r"(?<!grundrechte-)(?<!grundrechts-)(?<!grundrechte)folgenabschätzung"
COLUMN = {
    # "Wer ist der Anbieter?", not where data lie or who is paid: "die beim Anbieter gespeicherten Daten"
    "vendor": r"(?<!beim )(?<!vom )(?<!zum )(?<!dem )(?<!des )anbieter\w*|"
    r"hersteller\w*|dienstleister\w*|lieferant\w*|firma|firmen|unternehmen|produkt|produkte|"
    r"produkts|produktes|"
    # who developed it, not how something "hat sich … entwickelt"
    r"von wem (stammt|wurde|wird)|(?:wer|von wem)\b[^?,]*\bentwickelt|entwickelt (?:von|durch)\b|"
    # where it runs, which the register names with the vendor ("Verarbeitung im Rechenzentrum … in Hamburg")
    r"wo (?:werden|wird)\b[^?,]*\b(?:verarbeitet|gespeichert|gehostet|betrieben)|in welchem rechenzentrum|"
    r"serverstandort\w*",
    # "seit Inbetriebnahme erzeugten Hinweise": a time it counts from, not a date it asks
    "go_live": r"seit wann|in betrieb genommen|(?<!seit )inbetriebnahme|eingeführt|gestartet|start\w*|live|"
    r"wann (wurde|wird|ist)\b[^?]*\b(eingeführt|eingesetzt|in betrieb|gestartet|genutzt|aufgenommen|beschafft)|"
    r"seit (welchem|wann)",
    # "Bis wann sollen alle Beschäftigten Zugang erhalten?" asks for a target, not the end of the operation
    "end_date": r"beendet|abgeschaltet|ende des|endet|auslaufen|läuft\b[^?]*\baus|"
    r"bis wann(?![^?]*\b(?:erhalten|bekommen|zugang|freigeschaltet|ausgerollt|ausgeweitet|eingeführt|umgesetzt|"
    r"erreicht|geschult|absolviert|vorgelegt|"
    r"veröffentlicht|fertiggestellt|angeschlossen)\b)",
    "users": r"wie vielen? (beschäftigten?|mitarbeitenden?|mitarbeiter\w*|bediensteten?|landesbediensteten?|kolleg\w*|"
    r"sachbearbeite\w*|fachkräften?|lehrkräften?|führungskräften?)\b[^?]*\b(nutzen|nutzt|genutzt|verwenden|verwendet|"
    r"arbeiten|arbeitet|zugriff|zugang|einsetzen|angemeldet|freigeschaltet|lizenz\w*|nutzerkont\w*|konto|konten)|"
    r"nutzerzahl|wie viele nutzerkont\w*|"
    r"anzahl der (beschäftigten|mitarbeitenden) mit zugang",
    "personal_data": r"personenbezogen\w*|personenbeziehbar\w*|sozialdaten|gesundheitsdaten|"
    r"welche\w* daten\b|daten (über|von) (nutzer|bürger|beschäftigt|antragstell|kund|besucher)\w*|"
    r"profilbildung|nutzerprofil\w*|persönlichkeitsprofil\w*",
    # a data-protection impact assessment, not the AI Act's fundamental-rights one ("Grundrechte-Folgenabschätzung")
    "dpia": _DPIA + r"|dsfa|dsfa\w*|dpia",
    "legal_basis": r"rechtsgrundlage\w*|rechtliche\w* grundlage\w*|gesetzliche\w* grundlage\w*|"
    r"auf welche\w* grundlage|rechtsgrundlag\w*|ermächtigungsgrundlage",
    "ai_act_risk": r"risikoklasse\w*|risikostufe\w*|risikokategorie\w*|hochrisiko\w*|ki-verordnung|ki-vo|ai act|"
    r"eingestuft|einstufung|risikobewertung|verordnung \(eu\) 2024/1689",
    "name": r"wie hei(ß|ss)t|welche\w* (namen|bezeichnung)|wie lautet der name",
    "human_oversight": r"menschlich\w* (aufsicht|kontrolle|letztentscheidung|letztverantwortung|überprüfung)|"
    r"(sichergestellt|gewährleistet|verhindert|ausgeschlossen|stellt\b[^?]*\bsicher)\b[^?]*\b(fehler\w*|entscheid\w*|"
    r"verantwort\w*|prüf\w*|kontroll\w*|falsch\w*|korrekt\w*|qualität|missverständnis\w*|irrtum\w*)|"
    r"letztentscheidung|letztverantwortung|kontrolliert|kontrolle der ergebnisse|überprüft|überprüfen|"
    r"human in the loop|wer (prüft|kontrolliert|entscheidet)|aufsicht",
    # "Kosten", not the free version ("die kostenlose Version von DeepL")
    "cost": r"kosten(?!los|frei)\w*|gekostet|kostet|ausgaben|lizenzgebühr\w*|aufwendungen|finanzielle\w* aufwand|"
    r"entgelt\w*",
    # "wurde … ausgewertet" asks for results; "Welche Bilddaten werden ausgewertet?" for what is processed
    "evaluation": r"ergebnis\w*|evaluation\w*|evaluiert|evaluierung|auswertung\w*|"
    r"(?:wurden?|worden)\b[^?]*\bausgewertet|ausgewertet\s+(?:wurden?|worden)|erfahrungen|bewährt|"
    r"wirkung\w*|erfolg\w*|messbar\w*|verbesserung\w*|zeitersparnis|effekt\w*|nutzen gebracht|bilanz|"
    # "Wie wird der Chatassistent genutzt?": how much, which the evaluation counts
    r"wie (?:wird|werden|wurde|wurden)\b[^?,]*\b(?:genutzt|in anspruch genommen|angenommen)\b|nutzungszahl\w*|"
    r"inanspruchnahme|kennzahl\w*|nutzungsdaten",
    "discontinued_reason": r"warum\b[^?]*\b(eingestellt|beendet|abgebrochen|abgeschaltet|aufgegeben|nicht weiter|"
    r"ausgesetzt|gestoppt|unterbrochen|pausiert|deaktiviert)|"
    r"(gründe|grund)\b[^?]*\b(eingestellt|beendet|abgebrochen|einstellung|beendigung|aufgegeben|ausgesetzt|"
    r"aussetzung|gestoppt|unterbrochen)|weshalb|wieso|"
    # "Was gab jeweils den Ausschlag, auf eine Einführung zu verzichten?"
    r"(ausschlag\w*|anlass|beweggr\w*)\b[^?]*\b(verzicht\w*|eingestellt|beendet|nicht\s+(eingeführt|weiter\w*))",
    "status": r"status|noch in betrieb|noch im einsatz|regelbetrieb|pilotbetrieb|in welche\w* phase|"
    r"wieder aufzunehmen|wieder aufgenommen|wiederaufnahme|fortgeführt|fortführung|weitergeführt|weiterführung|"
    r"reaktivier\w*|überführt|überführung|verlänger\w*|"
    # what follows a trial: "Wie geht es nach dem Ende der Erprobung weiter?"
    r"wie geht es\b[^?]*\bweiter|was (?:geschieht|passiert)\b[^?]*\bnach\b",
    "department": r"welche\w* (amt|ämter|abteilung\w*|fachbereich\w*|dienststelle\w*|stelle|organisationseinheit\w*)"
    r"\b[^?]*\b(nutzt|nutzen|setzt|setzen|betreibt|betreiben|zuständig|verantwortlich|eingesetzt|genutzt)|"
    r"wo wird\b[^?]*\b(eingesetzt|genutzt)|zuständig|verantwortlich",
    "purpose": r"wofür|wozu|zweck\w*|einsatzbereich\w*|was (macht|leistet|kann)|welche tätigkeiten|"
    r"welche\w* aufgaben? (übernimmt|übernehmen|erfüllt|erfüllen|hat|haben)|funktion\w*|welche\w* themen|auskunft|"
    r"wie funktioniert|"
    # who it is for: "für welchen Kreis von Beschäftigten steht BeKI zur Verfügung?"
    r"für wen|für welchen (?:personen|nutzer)?kreis\b|(?:ziel|nutzer)gruppe\w*|(?:personen|nutzer)kreis\w*",
}
COLUMNS = {name: re.compile(rf"(?<![a-zäöüß])(?:{words})(?![a-zäöüß])") for name, words in COLUMN.items()}

# Nouns that name AI applications as a class: "Welche <...> Systeme ...?" asks for inventory rows.
APPLICATION_NOUN = re.compile(
    r"(?<![\w])(?:[\w-]*-)?(anwendung\w*|applikation\w*|system\w*|software\w*|tool\w*|werkzeug\w*|lösung\w*|"
    r"chatbot\w*|programm\w*|assistent\w*|assistenz\w*|plattform\w*|dienste|produkte|verfahren|vorhaben|"
    r"projekte|pilotprojekt\w*|pilot\w*|ki|ki-\w+|einsatzfelder|einsatzbereiche|anwendungsfälle|use cases)(?!\w)"
)
APPLICATION_PLURAL = re.compile(
    r"(?<![\w-])(?:[\w]+-)?(anwendungen|applikationen|systeme|systemen|tools|werkzeuge|lösungen|chatbots|programme|"
    r"plattformen|dienste|produkte|projekte|pilotprojekte|einsatzfelder|einsatzbereiche|anwendungsfälle)(?![\w-])"
    # "Welche weiteren KI-Vorhaben plant die Verwaltung?": projects of a kind, not "das Vorhaben" of one
    r"|(?<![\w-])[\w]+-vorhaben(?![\w-])"
)
USE_VERB = re.compile(
    r"\b(eingesetzt\w*|erprobt\w*|genutzt\w*|verwendet\w*|einsetzt|einsetzen|setzt|setzen|im einsatz|zum einsatz|"
    r"nutzt|nutzen|betrieben|betreibt|in betrieb|pilotiert|getestet|geplant|vorgesehen|eingeführt|angeschafft|"
    r"beschafft|"
    r"eingestellt|beendet|stehen|steht|enthält|enthalten|gibt es|existieren|vorhanden|umgesetzt|verzeichnet|"
    r"erfasst|gelistet|geführt|laufen|läuft|kommt|kommen|arbeitet|arbeiten|vorbereitet|geprüft)\b"
)
# Whole-inventory markers.
INVENTORY_WORDS = re.compile(
    r"\b(übersicht|verzeichnis|inventar|register|liste|aufstellung|auflistung|alle|sämtliche|"
    r"insgesamt|weitere\w*|andere\w*)\b"
)

# Status filters for listings and counts.
STATUS_WORDS = {
    "discontinued": re.compile(
        r"\b(eingestellt(e[nrs]?)?|beendet(e[nrs]?)?|abgeschaltet(e[nrs]?)?|abgebrochen(e[nrs]?)?|aufgegeben(e[nrs]?)?|"
        r"nicht mehr|außer betrieb|zurückgezogen(e[nrs]?)?|gestoppt(e[nrs]?)?)\b"
    ),
    "planned": re.compile(
        r"\b(geplant|in planung|vorbereitet|in vorbereitung|vorgesehen|künftig|zukünftig|beabsichtigt|"
        r"angedacht|geprüft|in prüfung|beschafft werden|eingeführt werden|planen|plant|"
        # postponed: still ahead ("Welche KI-Vorhaben wurden verschoben, und auf wann?")
        r"verschoben|zurückgestellt|vertagt|aufgeschoben)\b"
    ),
    "trial": re.compile(
        r"\b(pilot\w*|erprob\w*|getestet\w*|testbetrieb|testphase|test|probebetrieb|modellprojekt\w*)\b"
    ),
    "in_use": re.compile(
        r"\b(eingesetzt\w*|einsetzt|setzt\b[^?]*\bein|im einsatz|zum einsatz|genutzt\w*|nutzt|nutzen|"
        # "in Betrieb", not the step into it ("wann sollen sie in Betrieb gehen?", "in Betrieb genommen werden")
        r"verwendet\w*|in betrieb(?!\s+(?:geh|genommen|nehm|zu nehmen))|betrieben|betreibt|produktiv|"
        r"laufen|läuft|arbeitet|"
        r"arbeiten)\b"
    ),
    # the state, not the step into it ("in den Regelbetrieb überführt"), which a trial is still before
    "regular": re.compile(r"\bim (regel|produktiv|dauer)betrieb\b|\bim produktiven einsatz\b"),
    "now": re.compile(r"\b(aktuell|derzeit|zurzeit|momentan|gegenwärtig|heute)\b"),
}
# "geprüft oder getestet und nicht eingeführt": the outcome of a trial or an examination, which the
# inventory keeps as discontinued; the verbs before it tell its history, not a second status.
NOT_INTRODUCED = re.compile(
    r"\b(nicht (?:erst )?(eingeführt|weiterverfolgt|weiter verfolgt|weitergeführt|weiter geführt|fortgeführt|"
    r"fortgesetzt|übernommen|umgesetzt|in (den )?(regel)?betrieb genommen)|"
    r"verworfen|abgelehnt|"
    # "getestet, ohne sie anschließend dauerhaft einzuführen", "auf eine Einführung verzichtet"
    r"ohne\b[^?.;]{0,40}?\b(?:einzuführen|einzusetzen|zu übernehmen|weiterzuführen|fortzuführen|weiterzuverfolgen)|"
    r"auf (?:eine|die) einführung (?:zu )?verzicht\w*)\b"
)

# "Welche Vorhaben sind nicht (mehr) im Einsatz?": the use denied, so no application in use is meant; what is "noch
# nicht im Einsatz" is planned (group 1).
NOT_IN_USE = re.compile(r"\b(noch )?nicht (?:\(?mehr\)? )?(?:im einsatz|in betrieb|eingesetzt|genutzt|verwendet)\b")
# "nach einer Erprobung beendet": the trial is the history of what was ended, not a second status.
AFTER_TRIAL = re.compile(r"\bnach (?:einer|der|dem|ihrer|seiner|einem) (?:erprob|pilot|test|probebetrieb)\w*")

# Value filters on inventory columns, when a listing names them ("für welche Systeme wurde eine DSFA durchgeführt").
VALUE_FILTERS = (
    (
        "dpia",
        "done",
        re.compile(
            r"(" + _DPIA + r"|dsfa)\w*\b[^?]*\b(durchgeführt|erstellt|vorgenommen|erfolgt|"
            r"vorliegt|liegt|gemacht)|(durchgeführt|erstellt)\w*\b[^?]*\b(" + _DPIA + r"|dsfa)"
        ),
    ),
    ("dpia", "planned", re.compile(r"(" + _DPIA + r"|dsfa)\w*\b[^?]*\b(geplant|vorgesehen|aussteht|ausstehend)")),
    (
        "personal_data",
        "yes",
        re.compile(
            r"(?<!keine )(?<!nicht )personenbezogene\w* daten\b[^?]*\b(verarbeit\w*|"
            r"genutzt|nutzen|verwendet)|verarbeit\w*\b[^?]*(?<!keine )personenbezogen"
        ),
    ),
    ("personal_data", "no", re.compile(r"(keine|ohne) personenbezogene\w* daten")),
    ("ai_act_risk", "high", re.compile(r"hochrisiko|hohe\w* risiko|high[- ]risk")),
    ("ai_act_risk", "limited", re.compile(r"begrenzte\w* risiko|transparenzpflicht")),
    ("ai_act_risk", "minimal", re.compile(r"minimale\w* risiko")),
    ("ai_act_risk", "prohibited", re.compile(r"verboten\w* (praktik|praxis|ki)")),
)

# Budget categories and kinds (budget.csv) by the words a question uses for them.
CATEGORY_WORDS = {
    "licenses": re.compile(r"\b(lizenz\w*|software\w*|abonnement\w*|nutzungsentgelt\w*|subskription\w*)"),
    "operations": re.compile(r"\b(betrieb\b|betriebs\w*|laufende\w* kosten|wartung\w*|pflege|hosting|rechenzentrum)"),
    "training": re.compile(
        r"\b(schulung\w*|fortbildung\w*|qualifizierung\w*|weiterbildung\w*|training\w*|"
        r"e-learning|lehrg\w*)"
    ),
    "hardware": re.compile(r"\b(hardware|geräte\w*|server\w*|infrastruktur\w*|ausstattung)"),
    "consulting": re.compile(r"\b(beratung\w*|berater\w*|gutachten|externe\w* unterstützung|dienstleist\w*)"),
    "personnel": re.compile(r"\b(personal\w*|stellen\b|planstellen|vollzeitäquivalent\w*|vzä)"),
}
# Purposes that span every category: "für die Beschaffung, Implementierung und Wartung von KI-Systemen".
WHOLE_LIFECYCLE = re.compile(
    r"\b(beschaffung|implementierung|einführung|umsetzung)\w*(,\s*(de[nmrs] |die |das )?\w+){0,4},?"
    r"\s+(und|sowie)\s+(de[nmrs] |die |das )?\w+"
)  # an enumeration of purposes that starts with one of the lifecycle as a whole
KIND_WORDS = {
    "investive": re.compile(r"\b(investition\w*|investiv\w*|investitionshaushalt|anschaffung\w*)"),
    "consumptive": re.compile(r"\b(konsumtiv\w*|ergebnishaushalt|laufende\w* aufwendungen)"),
}
MONEY = re.compile(
    r"\b(mittel|haushalt\w*|kosten\w*|gekostet|kostet|budget\w*|ausgaben|ausgegeben|geld\w*|finanz\w*|euro|"
    r"aufwendungen|ansatz|ansätze|etat|fördermittel\w*|förderung\w*|investition\w*|lizenzkosten|betrag|beträge|"
    r"summe|finanziert|veranschlagt|eingeplant|bereitgestellt)\b"
)
FUNDING = re.compile(
    r"\b(fördermittel\w*|förderung\w*|förderprogramm\w*|zuschüsse|zuschuss|drittmittel\w*|"
    r"zuwendung\w*|gefördert)\b"
)

# Pointing back: pronouns and generic nouns that refer to something named earlier.
ANAPHOR = re.compile(
    r"\b(er|ihn|ihm|es|dessen|deren|dies\w*|jene\w*|hierfür|hierzu|hierbei|hiervon|hierüber|"
    r"dafür|dazu|dabei|davon|damit|darüber|daran|darauf|dadurch|derselbe|dasselbe|desselben|"
    r"(das|die|der|den|dem|des) (system|systems|anwendung|tool|tools|dienst|dienstes|verfahren|verfahrens|projekt|"
    r"projekts|pilotprojekt\w*|software|lösung|chatbot\w*|programm\w*|produkt|produkts|assistent\w*|werkzeug\w*|"
    r"pilot|pilots|pilotbetrieb\w*|vorhaben\w*|angebot\w*))\b"
)
EXPLETIVE = re.compile(
    r"\b(gibt|gab|geben) es\b|\bes (gibt|gab)\b|\bwird es\b|\bist es (geplant|vorgesehen|möglich)"
    r"|\btrifft es zu\b|\bstimmt es\b|\bist es (richtig|zutreffend)\b"  # "Trifft es zu, dass …": the premise follows
)


# A budget row of money coming in ("Erstattung des Bundes … (Ertrag)", "Zuwendung des Landes"), by its title
# or its note ("Ertrag, keine Ausgabe"): named beside spending, never added to it.
# To whom money goes, where it is not the municipality itself: "an den Landkreis", "an die Freie Hansestadt".
_PAID_TO = (
    r"\ban\s+(?:(?:den|die|das|dem)\s+)?"
    r"(?!Stadt\b|Gemeinde\b|Markt\b|Kommune\b|Verbandsgemeinde\b|Samtgemeinde\b|Amt\b)(?-i:[A-ZÄÖÜ])"
)
# Who pays a refund in: "des Landes", "des Bundes", "vom Freistaat", "des Bezirks".
_PUBLIC_PAYER = r"(?:des|vom|von\s+der|der)\s+(?:Landes|Bundes|Freistaat\w*|Bezirk\w*|Bundesagentur)\b"
INCOME = re.compile(
    # "Erstattung an die Freie Hansestadt Bremen", "Erstattung des Kostenanteils der Stadt (40 %) an den
    # Landkreis" is money paid out; "Erstattung des Landes", "… des Landes an die Stadt" or, of a county, "… des
    # Landes an den Landkreis" comes in: a public payer named first speaks for income, whoever it is paid to
    r"\b(?:Einnahme|Einzahlung|Zuwendung|Zuschuss|Fördermittel|Erstattung(?=(?:en)?\s+" + _PUBLIC_PAYER + r")"
    r"|Erstattung(?![^.;]{0,60}?" + _PAID_TO + r")|Ertrag\b|Erträge)|keine\s+Ausgabe",
    re.IGNORECASE,
)


def is_income(title: str, note: str = "") -> bool:
    """A budget row of money coming in, by its title or its note."""
    return bool(INCOME.search(title) or re.search(r"\bErtrag\b|keine\s+Ausgabe", note, re.IGNORECASE))


# An amount in euros: "28.800 €", "9,50 Euro", "1.950 EUR".
EURO = re.compile(r"\d(?:[\d.]*\d)?(?:,\d+)?\s*(?:€|Euro\b|EUR\b)")
# A row that says it is no AI money: "(kein KI-Bezug)", "ohne KI-Bezug", "kein KI-spezifischer Ansatz",
# "keine KI-Kosten".
NO_AI = re.compile(  # "kein KI-Bezug", "kein gesonderter KI-Ansatz", "ohne KI-Bestandteil", "(ohne KI-Modul)"
    r"\b(?:kein|keine[nmrs]?|ohne)\s+(?:(?:gesondert|eigen|separat)\w*\s+)?(?:KI|AI)-?\s?"
    r"(?:Bezug|spezifisch\w*|Kosten|Anteil\w*|Ansatz|Bestandteil\w*|Modul\w*|Funktion\w*|Komponente\w*)",
    re.IGNORECASE,
)

# AI by name: "KI", "AI", "Künstliche Intelligenz" (not the "KI" of a longer word); budget row titles, demands.
AI_NAMED = re.compile(r"(?<![^\W\d_])(?:KI|AI)(?![^\W\d_])|[Kk]ünstliche\w*\s+[Ii]ntelligenz")

# A question about other administrations ("in wie vielen anderen saarländischen Kommunen", "Welche anderen Kommunen
# … setzen … ein?"): the municipality's own data and reports do not answer it; a source does only where it speaks of
# another body. They are asked about, not the municipality's dealings with them ("Kooperationen mit anderen Kommunen",
# "Werden Daten an andere Behörden übermittelt?").
OTHER_BODIES = re.compile(
    r"(?:\b(?:in|bei)\s+(?:wie\s+vielen\s+|welchen\s+)?|\bwelche[nr]?\s+|\bwie\s+viele[n]?\s+|^\s*|"
    r"\b(?:haben|bewerten|setzen|nutzen|machen|sehen|planen|gehen)\s+)"
    r"anderen?\s+(?:[\wäöüß-]+\s+){0,2}?(?:Kommunen|Städten?|Gemeinden|Landkreisen?|Kreisen?|Verwaltungen|Behörden|"
    r"Bundesländern?|Ländern?)\b",
    re.IGNORECASE,
)
# A question about another organisation's own use ("Welche KI-Anwendungen setzen die städtischen Gesellschaften …
# ein?", "… setzt das Jobcenter … ein?"): the organisation (group 1) is the subject of the verb
OTHER_ORG = re.compile(
    r"\b(?:setz\w*|nutz\w*|verwende\w*|betreib\w*|plan\w*)\s+(?:die|das|der)\s+"
    r"(?:städtischen\s+|kommunalen\s+|regionseigenen\s+|kreiseigenen\s+|gemeindlichen\s+)?"
    r"(Gesellschaften|Beteiligungsgesellschaften|Beteiligungen|Tochtergesellschaften|Tochterunternehmen|Unternehmen|"
    r"Stadtwerke|Eigenbetriebe|Jobcenter|Kliniken|Klinikum|Sparkasse)\b",
    re.IGNORECASE,
)
# A source's word that there is nothing to say ("dazu lägen der Verwaltung keine Angaben vor"): no answer to quote
NO_DATA = re.compile(
    r"\b(?:liegen|lägen|liegt|läge)\s+(?:\w+\s+){0,3}?keine\s+(?:Angaben|Daten|Erkenntnisse|Informationen|Zahlen)\b"
    r"|\bkeine\s+(?:Angaben|Daten|Erkenntnisse|Informationen|Zahlen)\s+(?:\w+\s+){0,3}?(?:vor|bekannt)\b",
    re.IGNORECASE,
)
# "die Kreisverwaltung des Landkreises Hochwald-Theel": a county by its name (group 1)
COUNTY = re.compile(
    r"\b(?:(?:Kreisverwaltung|Landratsamt\w*)\s+(?:des\s+(?:Land)?[Kk]reises\s+)?|Landkreis(?:es)?\s+)"
    r"([A-ZÄÖÜ][\wäöüß-]+)"
)
BODY_WORDS = re.compile(
    r"\b(?:Kommunen|Städten?|Gemeinden|Landkreis\w*|Kreisverwaltung\w*|Landratsamt\w*|Verwaltungen|Behörden)\b"
)


# Something in place of what was named before ("1. beim Servicebot 115 a) … kündigen, b) stattdessen … einen
# eigenen Chatbot entwickeln zu lassen und hierfür … 60.000 Euro"): its money is not that application's.
INSTEAD = re.compile(
    r"\b(?:stattdessen|statt\s+dessen|anstelle\s+(?:dessen|deren|davon)|an\s+(?:dessen|deren)\s+Stelle)\b",
    re.IGNORECASE,
)
