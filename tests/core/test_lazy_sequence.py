"""LazySequence: indexing, negative indices and slices, each item made only when asked for."""

from __future__ import annotations

import pytest

from hiptimer.core.lazy_sequence import LazySequence


class Squares(LazySequence[int]):
    def __init__(self, count: int) -> None:
        self.count, self.made = count, []

    def __len__(self) -> int:
        return self.count

    def _item(self, index: int) -> int:
        self.made.append(index)
        return index * index


def test_items_are_made_when_asked_for_and_indexed_like_a_list() -> None:
    squares = Squares(5)
    assert squares.made == []
    assert squares[-1] == 16 and squares[1] == 1
    assert squares[1:4] == [1, 4, 9] and squares[::-2] == [16, 4, 0]
    assert squares.made == [4, 1, 1, 2, 3, 4, 2, 0]
    assert list(squares) == [0, 1, 4, 9, 16] and len(squares) == 5


@pytest.mark.parametrize("index", [5, -6])
def test_an_index_outside_it_is_refused_before_an_item_is_made(index: int) -> None:
    squares = Squares(5)
    with pytest.raises(IndexError):
        squares[index]
    assert squares.made == []
