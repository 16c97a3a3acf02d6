"""The instructions card: one item at a time, what to fetch first, turning only while shown."""

from __future__ import annotations

from hiptimer.qt.session.steps_card import StepsCard


def test_items_turn_over_and_the_gear_comes_first(qtbot) -> None:
    card = StepsCard()
    qtbot.addWidget(card)
    card.resize(600, 120)
    card.set_range(16, 20)
    card.show()
    card.set_content(
        ["<b>1 of 2</b> Sit tall.", "<b>2 of 2</b> Lean in."],
        "<b>Feel:</b> a stretch.",
        "Fetch: Chair",
    )
    assert card.ready_label.isVisible() and card.ready_label.text() == "Fetch: Chair"
    card.turn()
    assert "Sit tall." in card.steps_label.text() and "a stretch." in card.steps_label.text()
    card.turn()
    assert "Lean in." in card.steps_label.text()
    card.turn()
    assert card.ready_label.isVisible()  # round again


def test_the_card_turns_only_while_the_session_runs_and_it_shows(qtbot) -> None:
    card = StepsCard()
    qtbot.addWidget(card)
    card.set_running(True)
    assert not card._timer.isActive()  # not shown yet
    card.show()
    assert card._timer.isActive()
    card.set_running(False)
    assert not card._timer.isActive()
    card.set_running(True)
    card.hide()  # the window closed
    assert not card._timer.isActive()


def test_a_second_round_of_turns_lays_no_text_out_again(qtbot, monkeypatch) -> None:
    """Finding the size that fits lays the text out a dozen times (10-20 ms): it is done once
    per text and room, not at every turn."""
    from hiptimer.qt.session import steps_card

    card = StepsCard()
    qtbot.addWidget(card)
    card.resize(600, 120)
    card.set_range(16, 40)
    card.show()
    card.set_content(["<b>1 of 2</b> Sit tall.", "<b>2 of 2</b> Lean in."], "", "Fetch: Chair")
    searches: list[str] = []
    real = steps_card._search_pixels

    def counted(html: str, *args: object) -> int:
        searches.append(html)
        return real(html, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(steps_card, "_search_pixels", counted)
    for _ in range(3):
        card.turn()
    first_round = len(searches)
    shown = []
    for _ in range(3):
        card.turn()
        shown.append(card.shown_html())
    assert len(searches) == first_round  # the same texts in the same room: known sizes
    assert any("Lean in." in html for html in shown)  # and the items did turn


def test_the_search_from_any_starting_size_finds_the_same_size(qtbot) -> None:
    """The search starts at the label's current size; wherever it starts, the answer is the
    largest size that fits (or the largest below the range that does)."""
    from PySide6.QtGui import QFont

    from hiptimer.qt.session.steps_card import _search_pixels

    texts = [
        "<b>1 of 4</b>&nbsp;&nbsp;Lie face down with your body straight.",
        "<b>Stop if:</b> the pain is sharp, or it pinches in the front of the hip. " * 3,
        "Short.",
    ]
    for text in texts:
        for width, height in ((600, 120), (300, 60), (900, 200)):
            answers = set()
            for start in (-1, 8, 16, 20, 23, 30, 40, 41):
                font = QFont()
                if start > 0:
                    font.setPixelSize(start)
                answers.add(_search_pixels(text, font, width, height, 16, 40))
            assert len(answers) == 1, (text[:20], width, height, answers)
