"""Rules of stop 57, from grading 61 (set 34), built before set 35 was read: a rule's paragraph label said as
its §, a sentence said twice, an ended application's trial quoted as running, a count "derzeit" that a later
source counts anew, a plan naming a paper's day, the costs an application has incurred."""

from __future__ import annotations

from datetime import date

from assistant.domain import Chunk, Citation, Table
from assistant.drafting import wording as w
from assistant.drafting.citing import Register, compacted
from assistant.drafting.ended import Ended
from assistant.drafting.paragraph import distinct
from assistant.drafting.spent import incurred, spent
from assistant.drafting.stale import StaleCounts, lapsed
from assistant.drafting.standing import clause_cited, provision
from assistant.kb.load import load
from tests.conftest import ROOT

TODAY = date(2027, 2, 26)


def _rule(text: str, index: int = 1) -> Chunk:
    return Chunk(
        f"documents/da-ki.pdf#{index}:0",
        f"documents/da-ki.pdf#{index}",
        "document",
        "Dienstanweisung über den Einsatz Künstlicher Intelligenz (DA KI) vom 14.10.2026",
        text,
        {},
    )


def test_a_paragraph_label_is_said_as_its_section_even_where_the_section_began_in_an_earlier_window() -> None:
    before = "§ 4 Zugelassene Anwendungen\n(1) Für generative Textassistenz steht KDA-Assist zur Verfügung."
    window = _rule("(2) Die dienstliche Nutzung frei verfügbarer KI-Dienste ist untersagt. Das gilt auch privat.")
    text = "(2) Die dienstliche Nutzung frei verfügbarer KI-Dienste ist untersagt."
    cited = clause_cited(window, text, text, before)
    assert cited == "Nach § 4 Abs. 2 DA KI gilt: Die dienstliche Nutzung frei verfügbarer KI-Dienste ist untersagt."
    assert provision(window, text, before) == "Nach § 4 Abs. 2 DA KI gilt: "
    # without the section it stands in, the label alone goes: "(2)" means nothing in a letter
    assert clause_cited(window, text, text) == "Die dienstliche Nutzung frei verfügbarer KI-Dienste ist untersagt."
    assert clause_cited(window, "5.2 Die Nutzung ist unzulässig.").startswith("Nach Nr. 5.2 DA KI gilt: ")


def test_a_sentence_a_later_one_says_whole_gives_way_to_it_in_its_place() -> None:
    first = "Die „Dienstanweisung KI vom 14.10.2026“ tritt am 01.11.2026 in Kraft [1]."
    other = "Zuständig ist die Stabsstelle Digitalisierung und KI im Büro der Bürgermeisterin [2]."
    whole = first.removesuffix(" [1].") + ". Gleichzeitig tritt die Leitlinie außer Kraft [3]."
    assert distinct([first, other, whole]) == [whole, other]
    twice = "Das E-Learning hatten am 31.12.2026 214 von 251 Beschäftigten abgeschlossen [1]."
    assert distinct([twice, twice]) == [twice]


def test_citations_no_sentence_cites_are_dropped_and_the_rest_numbered_anew() -> None:
    cites = tuple(Citation(f"[{n}]", f"s{n}", "T", f"q{n}") for n in (1, 2, 3))
    table = Table(("Anwendung", "Quelle"), (("A", "[3]"),))
    text, kept, new_table = compacted("Satz [2]. Noch einer [2].", cites, table)
    assert text == "Satz [1]. Noch einer [1]."
    assert [(c.marker, c.source_id) for c in kept] == [("[1]", "s2"), ("[2]", "s3")]
    assert new_table is not None and new_table.rows == (("A", "[2]"),)
    assert compacted("A [1][2][3].", cites) == ("A [1][2][3].", cites, None)  # all cited: unchanged


def test_a_note_written_while_an_ended_trial_ran_is_not_quoted_as_running() -> None:
    ended = Ended([(date(2026, 4, 30), ["Schichtwerk KI-Dienstplanung", "Schichtwerk"])])
    running = "Seit dem 03.11.2025 erproben die Leitungen der Kitas die Anwendung Schichtwerk KI-Dienstplanung"
    assert ended.running(running, date(2026, 4, 10), "Vermerk")
    assert not ended.running(running, date(2026, 5, 20), "Vermerk")  # a source after the end says what it says
    assert not ended.running(
        "Die Erprobung lief seit dem 03.11.2025 in drei Kitas (Schichtwerk)", date(2026, 4, 10), ""
    )
    assert not ended.running("Seit dem 01.07.2026 ist KDA-Assist im Regelbetrieb", date(2026, 4, 10), "")
    assert ended.running("Derzeit erproben drei Kitas die Anwendung", date(2026, 4, 10), "Vermerk Schichtwerk")


def _chunk(title: str, text: str) -> Chunk:
    return Chunk(f"documents/{title}:0", f"documents/{title}", "document", title, text, {})


def test_a_count_said_derzeit_in_minutes_is_stale_where_a_later_report_lists_counts_by_day() -> None:
    report = _chunk(
        "KI-Bericht Stand 31.12.2026",
        "KDA-Assist. Freigeschaltete Konten: 40 zum Start der Erprobung, 96 am 30.06.2026 und 203 am 31.12.2026.",
    )
    counts = StaleCounts([(report, date(2027, 1, 15))], [], TODAY)
    minutes = (
        "Der Textassistent KDA-Assist ist nach der Erprobung im Regelbetrieb; derzeit sind 171 Konten freigeschaltet"
    )
    assert counts.stale(minutes, "", date(2026, 9, 24))
    assert not counts.stale(minutes, "")  # without the day its source speaks from, "derzeit" is no day
    assert not counts.stale(minutes.replace("171", "203"), "", date(2026, 9, 24))


def test_a_plan_s_day_is_not_the_day_of_the_paper_it_names() -> None:
    plan = "Die Dienstanweisung KI soll zum 01.11.2026 in Kraft treten und die Leitlinie vom 03.03.2025 ersetzen"
    assert lapsed(plan, date(2026, 9, 24), TODAY)
    assert not lapsed("Der Pilot soll vom 01.01.2027 bis 30.06.2027 laufen", date(2026, 9, 24), TODAY)


def test_the_costs_an_ended_application_incurred_are_its_ist_summed_over_the_years() -> None:
    kb = load(ROOT / "eval" / "kbs" / "einheitsgemeinde-jeetzebrueck")
    ended = next(r for r in kb.inventory if r.get("id") == "JB-KI-04")
    register = Register()
    said = spent([ended], kb, register, TODAY)
    assert said[0].startswith("Für die Anwendung „Schichtwerk KI-Dienstplanung“ sind nach den Ist-Werten")
    assert (
        "insgesamt 5.200 Euro angefallen (2025: 3.400 Euro, 2026: 1.800 Euro; berechnet; Ist 2026 vorläufig)" in said[0]
    )
    assert {c.source_id for c in register.citations} >= {"budget:2025:36.5.01/543110", "budget:2026:36.5.01/543110"}
    assert all(c.quote.startswith("Ist ") for c in register.citations[:2])
    assert incurred(ended, [], Register(), TODAY) == ""  # no row with an Ist: nothing computed


def test_an_application_s_name_in_a_sentence_carries_no_status_note() -> None:
    assert w.named("KDA-Assist – Textassistent (Erprobung)") == "Die Anwendung „KDA-Assist – Textassistent“"
    assert (
        w.of_named("Schichtwerk – Dienstplanung (Erprobung, beendet)") == "der Anwendung „Schichtwerk – Dienstplanung“"
    )


def test_a_total_said_with_its_cited_terms_and_berechnet_is_no_invented_figure() -> None:
    from assistant.figures import stated_sums

    text = "insgesamt 5.200 Euro angefallen (2025: 3.400 Euro, 2026: 1.800 Euro; berechnet; Ist 2026 vorläufig) [6][7]."
    assert stated_sums(text, {"3400", "1800"}) == {"5200"}
    assert stated_sums(text, {"3400"}) == set()  # a term no source holds
    assert stated_sums(text.replace("5.200", "5.300"), {"3400", "1800"}) == set()  # wrong arithmetic
    assert stated_sums("insgesamt 5.200 Euro (2025: 3.400 Euro, 2026: 1.800 Euro)", {"3400", "1800"}) == set()


# --- after grading 62 (set 35, Landschaftsverband Ems-Lenne) ---------------------------------------------------

EMS = ROOT / "eval" / "kbs" / "landschaftsverband-ems-lenne"
TODAY_35 = date(2026, 12, 7)


def _record(kb_id: str):  # type: ignore[no-untyped-def]
    kb = load(EMS)
    return kb, next(r for r in kb.inventory if r.get("id") == kb_id)


def test_a_later_report_s_overview_table_and_sentence_end_a_trial_the_register_has_running() -> None:
    from assistant.drafting.facts import dated_sources
    from assistant.drafting.owned import called_names
    from assistant.drafting.register_overtaken import ended_now

    kb, ada = _record("EL-KI-05")  # "pilot" until 31.12.2026 in the register
    found = ended_now(ada, called_names(ada, kb), dated_sources(kb), TODAY_35)
    assert found is not None and found[2] == date(2026, 8, 31)
    assert "Sachstandsbericht" in found[0].title and " | " not in found[1]  # the sentence before the table's row
    kb, ela = _record("EL-KI-01")  # its Azure link ended on 30.06.2026, ELA itself runs since 01.09.2026
    assert ended_now(ela, called_names(ela, kb), dated_sources(kb), TODAY_35) is None


def test_released_for_regular_operation_from_a_day_past_and_a_trial_since_a_dated_day() -> None:
    from assistant.drafting.facts import dated_sources
    from assistant.drafting.owned import called_names
    from assistant.drafting.register_overtaken import in_production, in_trial

    kb, ela = _record("EL-KI-01")
    found = in_production(ela, called_names(ela, kb), dated_sources(kb), TODAY_35)
    assert found is not None and "für den Regelbetrieb ab 01.09.2026 freigegeben" in found[1]
    kb, invoices = _record("EL-KI-07")  # in test since 01.09.2026, regular operation only planned
    assert in_production(invoices, called_names(invoices, kb), dated_sources(kb), TODAY_35) is None
    kb, egh = _record("EL-KI-06")  # "planned" in the register
    trial = in_trial(egh, called_names(egh, kb), dated_sources(kb), TODAY_35)
    assert trial is not None and trial[1].startswith("Der EGH-Lotse wird seit dem 01.03.2026")


def test_a_first_word_inside_another_application_s_compound_name_calls_neither() -> None:
    from assistant.drafting.owned import called_names

    kb, lotse = _record("EL-KI-08")
    assert called_names(lotse, kb) == ["Lotse Arbeit"]  # "Lotse" is in "EGH-Lotse"


def test_a_register_s_hosting_column_is_overtaken_by_a_later_data_centre() -> None:
    from assistant.drafting import facts

    kb, ela = _record("EL-KI-01")
    said = facts.application_facts([ela], ("vendor",), kb, Register(), TODAY_35)
    text = " ".join(said.sentences)
    assert "Mistral Small 3.1" in text and "im Rechenzentrum der LEL-InfoTec" in text
    assert "Azure OpenAI Service (Sprachmodell GPT-4o)" not in text  # the old host was its vendor too
    assert any("Betriebsort ist überholt" in w for w in said.warnings)


def test_a_memo_s_subject_line_is_its_title() -> None:
    from assistant.kb.documents import opening_title

    body = (
        'LANDSCHAFTSVERBAND\nDezernat 8\nVERMERK\nDatum:   16.09.2026\nAz.: 8.2\nBetreff: Beendigung des Guides "ADA"'
    )
    assert opening_title(body) == "Vermerk vom 16.09.2026 – Beendigung des Guides „ADA“"
    assert opening_title("Vermerk\n\nBetreff: Auswertung") == ""  # says too little
    memo = "Stadt X, 24.11.2026\nAKTENVERMERK\nBetreff: Regelbetrieb zum 01.01.2027 ab heute"
    assert opening_title(memo).startswith("Aktenvermerk vom 24.11.2026 – ")  # its day first, not the subject's


def test_a_report_s_sentence_that_a_lapsed_rule_holds_is_not_quoted_as_current() -> None:
    from assistant.domain import Passage
    from assistant.drafting.quoting import Quoter
    from assistant.drafting.verify import Checked
    from assistant.kb.chunk import chunks

    kb = load(EMS)
    read = chunks(kb)
    quoter = Quoter(kb, read, TODAY_35)
    report = next(c for c in read if c.source_id.startswith("documents/ki-bericht-2025") and "Danach ist" in c.text)

    def kept(sentence: str) -> bool:
        return bool(quoter.current(Checked(text=sentence, passage=Passage(report, 1.0), quote=sentence)))

    assert not kept("Es gilt die Rundverfügung Nr. 3/2024 vom 15.04.2024.")
    later = next(c for c in read if "ist mit Ablauf des 30.06.2026 außer Kraft getreten" in c.text)
    said = "Die Rundverfügung Nr. 3/2024 ist mit Ablauf des 30.06.2026 außer Kraft getreten."
    assert quoter.current(Checked(text=said, passage=Passage(later, 1.0), quote=said))


def test_a_rate_of_faults_is_a_measure_of_something_the_sources_say_otherwise() -> None:
    from assistant.drafting.relevance import _DEFECTS, _MEASURED

    found = _MEASURED.match("Fehlerquote")
    assert found is not None and _DEFECTS.search(found.group(1))  # "94,6 % … korrekt": no unknown focus
    assert _MEASURED.match("Nutzungsrate") is not None and _MEASURED.match("Ethikbeirat") is None


def test_an_institution_a_department_runs_narrows_a_listing_to_it() -> None:
    from assistant.drafting.subject import asked_units

    kb = load(EMS)
    assert asked_units("Welche KI-Anwendungen werden in den LEL-Kliniken eingesetzt?", kb) == ("D7",)


def test_a_level_each_year_of_a_double_budget_and_a_level_restated_per_year() -> None:
    from assistant.drafting.demands import amounts

    both = amounts(
        "Der Ansatz wird 2027 um 66.000 € auf 178.000 € und 2028 um 88.000 € auf 184.000 € gekürzt.", "", 2027
    )
    assert [(a.euros, a.years) for a in both] == [(178000, (2027,)), (184000, (2028,))]
    text = (
        "Der Ansatz wird von bisher 8.400 € auf 18.000 € je Jahr erhöht, damit alle eine Lizenz erhalten: "
        "– 2027: 18.000 € (Mehraufwand 9.600 €) – 2028: 18.000 € (Mehraufwand 9.600 €)"
    )
    (level,) = amounts(text, "", 2027)
    assert (level.euros, level.years, level.change and level.change.stated_before) == (18000, (2027, 2028), 8400)


def test_a_trial_said_to_run_until_a_day_after_its_early_end_is_overtaken() -> None:
    ended = Ended([(date(2026, 8, 31), ["Museumsguide ADA"])])
    plan = "Die Erprobung läuft bis zum 31.12.2026"
    assert ended.running(plan, date(2025, 12, 31), "Museumsguide ADA")
    assert not ended.running("Die Erprobung läuft bis zum 31.08.2026", date(2025, 12, 31), "Museumsguide ADA")


def test_a_cut_of_money_the_draft_does_not_hold_is_said_impossible_not_negative() -> None:
    from assistant.drafting.budget_change import LineChange, Move
    from assistant.drafting.demands import Amount, Per
    from assistant.drafting.finance import Comparison
    from assistant.drafting.finance_sentences import _change_effect

    cut = LineChange(Move.CUT, 14400)
    amount = Amount(14400, Per.YEAR, (2027, 2028), ("licenses",), "gestrichen", change=cut)
    nothing = Comparison(amount, (2027,), {2027: 0}, {2027: -14400}, change=cut)
    assert _change_effect(nothing) == [
        "Eine Kürzung um 14.400 Euro ist 2027 nicht möglich: veranschlagt sind keine Mittel."
    ]
    some = Comparison(amount, (2027,), {2027: 20000}, {2027: -14400}, change=cut)
    assert _change_effect(some) == ["Der Ansatz 2027 würde sich damit um 14.400 Euro auf 5.600 Euro verringern."]
