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
