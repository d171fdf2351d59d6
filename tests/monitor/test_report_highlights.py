"""Page 1 of a monitor report: the change of a published number, the quotes beside the numbers and
the main knelpunten, from published cells and approved texts only."""

from datetime import date

from django.utils import translation

from monitor.publications.report_highlights import _change, main_knelpunten, quotes_from
from monitor.statistics.tables import PublishedCell, PublishedTable
from monitor.stories.selectors import StoryView

OCTOBER = date(2026, 10, 31)


def _cell(value: int | None) -> PublishedCell:
    return PublishedCell(text="x", suppressed=True) if value is None else PublishedCell(str(value))


def test_a_change_is_the_difference_of_two_published_numbers_in_dutch() -> None:
    with translation.override("nl"):
        assert _change(_cell(12), _cell(9), OCTOBER) == "3 meer dan op 31 oktober 2026"
        assert _change(_cell(7), _cell(9), OCTOBER) == "2 minder dan op 31 oktober 2026"
        assert _change(_cell(9), _cell(9), OCTOBER) == "evenveel als op 31 oktober 2026"


def test_no_change_is_given_when_either_number_is_withheld_or_there_is_no_earlier_date() -> None:
    with translation.override("nl"):
        assert _change(_cell(12), _cell(None), OCTOBER).startswith("Niet te vergelijken")
        assert _change(_cell(None), _cell(9), OCTOBER).startswith("Niet te vergelijken")
        assert _change(_cell(12), None, None) == "Geen eerdere peildatum om mee te vergelijken."


def _story(region: str, text: str, *, positive: bool = True) -> StoryView:
    return StoryView("Ouder", "Titel", text, positive, (), region)


def test_quotes_prefer_positive_stories_from_different_regions_and_are_cut_at_a_word() -> None:
    stories = [
        _story("Achterhoek", "Niet gelukt.", positive=False),
        _story("Achterhoek", "Eerste goede ervaring."),
        _story("Achterhoek", "Tweede goede ervaring."),
        _story("Almere", "woord " * 100),
    ]
    quotes = quotes_from(stories)
    assert [quote.region for quote in quotes] == ["Achterhoek", "Almere", "Achterhoek"]
    assert quotes[0].text == "Eerste goede ervaring."
    assert quotes[1].text.endswith("woord…")
    assert len(quotes[1].text) <= 261
    assert all("Niet gelukt" not in quote.text for quote in quotes)


def test_the_same_text_told_in_two_regions_is_quoted_once() -> None:
    stories = [
        _story("Fryslân Noord", "Nu ga ik naar de boerderij."),
        _story("Almere", "Nu ga ik naar de boerderij."),
    ]
    assert [quote.text for quote in quotes_from(stories)] == ["Nu ga ik naar de boerderij."]


def test_main_knelpunten_rank_published_totals_and_never_a_withheld_one() -> None:
    table = PublishedTable(
        title="Knelpunten",
        row_header="Categorie",
        columns=("Verzameld",),
        rows=(("Financiering", (_cell(6),)), ("Wachtlijst", (_cell(None),)), ("Leerplicht", (_cell(9),))),
        row_totals=(_cell(6), _cell(None), _cell(9)),
    )
    assert main_knelpunten(table) == [("Leerplicht", "9"), ("Financiering", "6")]
