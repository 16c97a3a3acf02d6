"""A read-only sequence whose items are made when first asked for (see its subclasses)."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from typing import TypeVar, overload

T = TypeVar("T")


class LazySequence(Sequence[T]):
    """Indexing, negative indices and slices over :meth:`_item`, which subclasses define
    with ``__len__``; an index is checked before ``_item`` sees it."""

    @abstractmethod
    def _item(self, index: int) -> T:
        """The item at ``index``, from 0 to ``len(self) - 1``."""

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._item(index)
