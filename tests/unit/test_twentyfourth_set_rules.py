"""Rules the twenty-fourth set (Stadt Vilsreuth, Bayern) showed missing on its first run: questions in a table
nested in a council system's table, demands as rows of a Word table, the kind of money for a stopped pilot."""

from __future__ import annotations

from assistant.formats.html import read_html
from assistant.inquiry.parse import parse_inquiry

NESTED = """<html><body><div id="inhalt"><p>Wir bitten um Beantwortung der folgenden Fragen:</p>
<table class="fragen"><tr><td>
  <table class="fragenliste">
    <tr><td class="frnr">1.</td><td><p>Welche KI-Anwendungen setzt die Stadt ein?</p></td></tr>
    <tr><td class="frnr">2.</td><td><p>Zur KI-Schreibassistenz VilsAssist:</p>
      <table class="unterfragen">
        <tr><td>a)</td><td>Seit wann ist sie im Regelbetrieb?</td></tr>
        <tr><td>b)</td><td>Wo wird sie betrieben?</td></tr>
      </table></td></tr>
    <tr><td class="frnr">3.</td><td><p>Welche Kosten entstehen?</p></td></tr>
  </table>
</td></tr></table>
<table><tr><td>Haushaltsstelle</td><td>0620.6361</td><td>43.680 €</td></tr></table>
</div></body></html>"""


def test_questions_in_a_table_nested_in_a_table_cell_are_read_one_by_one() -> None:
    text = read_html(NESTED.encode(), "anfrage.html")
    assert "2. Zur KI-Schreibassistenz VilsAssist:" in text  # the label before its cell's opening paragraph
    assert "Haushaltsstelle | 0620.6361 | 43.680 €" in text  # a flat table row stays a row
    inquiry = parse_inquiry(text, "anfrage.html")
    assert [(q.id, q.text) for q in inquiry.answerable()] == [
        ("1", "Welche KI-Anwendungen setzt die Stadt ein?"),
        ("2a", "Seit wann ist sie im Regelbetrieb?"),
        ("2b", "Wo wird sie betrieben?"),
        ("3", "Welche Kosten entstehen?"),
    ]


def test_demands_as_rows_of_a_table_beside_their_number_are_demands() -> None:
    motion = (
        "Antrag der CSU-Fraktion\n\nDer Stadtrat möge beschließen:\n"
        "1. | Die Verwaltung richtet bis zum 31.12.2026 für alle Beschäftigten ein Nutzerkonto ein.\n"
        "2 | Der Pilot wird wieder aufgenommen:\n"
        "a) | Die Verwaltung nimmt den Pilot zum 01.01.2027 wieder auf; hierfür werden 25.000 Euro eingestellt.\n"
        "b) | Die Verwaltung legt dem Bauausschuss bis zum 31.01.2027 die Ergebnisse vor.\n"
        "| 3. | Die Verwaltung berichtet jährlich. |\n"
        "\nBegründung\nSo geht es schneller.\n"
    )
    inquiry = parse_inquiry(motion, "antrag.docx")
    assert [q.id for q in inquiry.answerable()] == ["1", "2a", "2b", "3"]
    assert inquiry.question("3").text == "Die Verwaltung berichtet jährlich."
    # a data table's row is no demand: "2026 | 43.680 €" has no label cell
    assert [q.id for q in parse_inquiry("1. Was kostet es?\n2026 | 43.680 €\n", "x.txt").answerable()] == ["1"]
