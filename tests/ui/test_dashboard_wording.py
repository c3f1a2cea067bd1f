"""The dashboard's and the report's words as managers and partners read them, in each
language: a count agrees with its noun ("0 réponse", "1 answer", "2 antwoorden") and the
cancelled visits are counted in the plural ("Annulés"), while a counter's ticket keeps
its singular status ("Annulé")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from ui.i18n import Translations


@pytest.fixture
def language(qapp) -> Iterator:
    """``use(code)`` switches the staff screens' language; English again afterwards."""
    translations = Translations()
    yield translations.use
    if translations._translator is not None:
        QCoreApplication.instance().removeTranslator(translations._translator)
    QLocale.setDefault(QLocale(QLocale.Language.English))


@pytest.mark.parametrize(
    ("code", "cancelled", "ticket"),
    [("fr", "Annulés", "Annulé"), ("en", "Cancelled", "Cancelled"),
     ("nl", "Geannuleerd", "Geannuleerd")],
)  # fmt: skip
def test_cancelled_visits_are_plural_where_a_ticket_stays_singular(
    language, code: str, cancelled: str, ticket: str
):
    from ui.counter.texts import status_name
    from ui.dashboard.headline import captions
    from ui.dashboard.tables import figure_columns

    language(code)
    assert captions()["cancelled"] == cancelled
    headers = {column.key: column.header() for column in figure_columns()}
    assert headers["cancelled"] == cancelled
    assert status_name("cancelled") == ticket


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("fr", ["Avis des usagers (0 réponse)", "Avis des usagers (1 réponse)",
                "Avis des usagers (2 réponses)", "Avis des usagers (1\u202f234 réponses)"]),
        ("en", ["Visitors' feedback (0 answers)", "Visitors' feedback (1 answer)",
                "Visitors' feedback (2 answers)", "Visitors' feedback (1,234 answers)"]),
        ("nl", ["Feedback van bezoekers (0 antwoorden)", "Feedback van bezoekers (1 antwoord)",
                "Feedback van bezoekers (2 antwoorden)",
                "Feedback van bezoekers (1.234 antwoorden)"]),
    ],
)  # fmt: skip
def test_the_feedback_count_agrees_with_its_noun(language, code: str, expected: list[str]):
    from ui.dashboard.headline import feedback_caption

    language(code)
    assert [feedback_caption(n) for n in (0, 1, 2, 1234)] == expected


def test_the_planning_sentences_agree_with_their_counts(language):
    from ui.dashboard.planning import sentences

    language("fr")

    def data(count: int) -> dict:
        return {
            "labels": {"CAF": {"fr": "CAF"}},
            "suggestions": [{"service": "CAF", "weekday": 1, "from_hour": 9, "to_hour": 10,
                             "unmet": count, "per_week": 0.5}],
            "busiest": [{"weekday": 1, "hour": 9, "visitors": count, "wait_p50_s": 600,
                         "service_level_share": 1.0}],
        }  # fmt: skip

    def name(row: dict) -> str:
        return row["labels"]["fr"]

    one, busy_one = sentences(data(1), name)
    two, busy_two = sentences(data(2), name)
    assert ": 1 usager l'a demandé alors qu'il était fermé (environ 0,5 par semaine)" in one[0]
    assert ": 2 usagers l'ont demandé alors qu'il était fermé" in two[0]
    assert " : 1 usager, attente médiane 10,0 min" in busy_one[0]
    assert " : 2 usagers, attente médiane 10,0 min" in busy_two[0]


@pytest.mark.parametrize(
    ("code", "three"),
    [("fr", "(3 pages)"), ("en", "(3 pages)"), ("nl", "(3 pagina's)")],
)
def test_the_saved_reports_page_count(language, code: str, three: str):
    from ui.i18n import tr

    language(code)
    assert tr("Report saved: {0} (%Ln page(s))", None, 3).format("r.pdf").endswith(three)
    one = tr("Report saved: {0} (%Ln page(s))", None, 1).format("r.pdf")
    assert one.endswith({"fr": "(1 page)", "en": "(1 page)", "nl": "(1 pagina)"}[code])


def test_a_tables_names_give_way_last():
    """The report's columns: names whole while the figures can narrow their headers; cut
    only when even the narrowest figures leave no room."""
    from ui.dashboard.report_pdf import column_widths

    def layout(width: float) -> tuple[list[float], bool]:
        # A name column (longest name 40) and two figures (headers 30 wide, longest word
        # 10, cells 5).
        return column_widths(width, [4, 30, 30], [4, 10, 10], [40, 5, 5], [0],
                             extra=2, name_gap=3, least_name=18)  # fmt: skip

    roomy, whole = layout(200)
    assert whole and sum(roomy) == pytest.approx(200) and roomy[0] >= 45
    narrow, whole = layout(75)  # the figures' headers wrap onto more lines
    assert whole and narrow[0] == pytest.approx(45) and narrow[1] >= 12
    tight, whole = layout(50)  # no room left: the name is cut, the figures stay readable
    assert not whole and tight[1] == pytest.approx(12) and tight[0] == pytest.approx(26)


def test_a_long_dutch_header_may_break_at_its_soft_hyphen():
    from tests.ui.helpers import ts_translations
    from ui.dashboard.report_pdf import words

    assert words("Feedback\u00adantwoorden ontvangen") == ["Feedback-", "antwoorden", "ontvangen"]
    assert words("Attente de 9 sur 10") == ["Attente", "de", "9", "sur", "10"]
    assert ts_translations("nl")["Feedback answers"] == "Feedback\u00adantwoorden"
