"""The suppression pattern behind `monitor.statistics.sdc`: which entries of a set of linked counts to hide.

A grid is a set of entries (cells and totals) and lines: equations "the last entry (the margin) is the
sum of the others" that a reader can write down from what is published. An entry lies on at most two
lines (a cell on its row and its column; a region's count on its column and on its phase).

The lines form a graph: each line is a node, each entry an arc between its two lines (an entry on one
line only ends at a common "ground" node). With each line's equation given a suitable sign, the ways
the hidden entries can change together without changing anything published are exactly the cycles of
hidden arcs. A reader knows more than the equations, though: zeros are shown, so every hidden entry is
at least 1, and an entry shown as "<k" is at most k−1. A hidden entry is pinned to one value when no
cycle through it can move while every entry at one of its bounds moves away from that bound only.

The loop hides one more entry at a time until:
1. no line has exactly one hidden entry (the common case of a pinned entry);
2. on a line with a visible margin, the hidden entries add up to at least k, since that sum can be
   computed and would otherwise itself be a small count;
3. no hidden entry is pinned, as far as hiding more can help: when every non-zero entry around a
   pinned entry is hidden already (two "<3" cells under a "<3" total are 1 each), the marks themselves
   tell, and only hiding zeros could help, which the publication rules do not do.
Only non-zero entries are ever hidden.
"""

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

Position = tuple[int, int]
Line = tuple[Position, ...]
GROUND = -1


@dataclass(frozen=True)
class Grid:
    values: dict[Position, int]
    lines: tuple[Line, ...]  # in each line the last entry is the margin: the sum of the others
    lines_of: dict[Position, tuple[int, ...]] = field(default_factory=dict)
    # Each entry as an arc (tail, head) between its lines: raising it by one takes one from the tail's
    # balance and adds one to the head's, once every line's equation has its sign.
    arcs: dict[Position, tuple[int, int]] = field(default_factory=dict)
    touching: dict[int, tuple[Position, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for index, line in enumerate(self.lines):
            for position in line:
                self.lines_of[position] = (*self.lines_of.get(position, ()), index)
        if any(len(indexes) > 2 for indexes in self.lines_of.values()):
            raise ValueError("An entry may lie on at most two lines.")
        flips = _line_flips(self)
        for position, indexes in self.lines_of.items():
            first, second = (*indexes, GROUND)[:2]
            raises_first = flips[first] * _sign(self, first, position) == 1
            self.arcs[position] = (second, first) if raises_first else (first, second)
            for node in (first, second):
                self.touching[node] = (*self.touching.get(node, ()), position)


def _sign(grid: Grid, line: int, position: Position) -> int:
    return -1 if grid.lines[line][-1] == position else 1


def _line_flips(grid: Grid) -> dict[int, int]:
    """A sign per line such that every entry on two lines counts +1 on one and −1 on the other."""
    flips: dict[int, int] = {}
    for first in range(len(grid.lines)):
        if first in flips:
            continue
        flips[first], queue = 1, deque([first])
        while queue:
            line = queue.popleft()
            for position in grid.lines[line]:
                for other in grid.lines_of[position]:
                    if other == line:
                        continue
                    wanted = -flips[line] * _sign(grid, line, position) * _sign(grid, other, position)
                    if other not in flips:
                        flips[other] = wanted
                        queue.append(other)
                    elif flips[other] != wanted:
                        raise ValueError("These lines cannot be read as one network of totals.")
    return flips


def _is_margin(grid: Grid, position: Position) -> bool:
    return any(grid.lines[index][-1] == position for index in grid.lines_of.get(position, ()))


def _crossing_rank(grid: Grid, position: Position, line: int | None, hidden: set[Position]) -> int:
    """0 when hiding `position` also mends its other line (one hidden entry there now), 2 when it
    leaves that line with a single hidden entry to mend, 1 otherwise."""
    ranks = [1]
    for other in grid.lines_of.get(position, ()):
        if other != line:
            hidden_there = sum(p in hidden for p in grid.lines[other])
            ranks.append(0 if hidden_there == 1 else 2 if hidden_there == 0 else 1)
    return max(ranks) if 2 in ranks else min(ranks)


def smallest_visible(
    grid: Grid, positions: Iterable[Position], hidden: set[Position], line: int | None = None
) -> Position | None:
    """The entry to hide next: one that mends its other line if possible, else the smallest non-zero
    visible entry, cells before totals."""
    candidates = [p for p in positions if p not in hidden and grid.values[p] > 0]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda p: (_crossing_rank(grid, p, line, hidden), grid.values[p], _is_margin(grid, p), p),
    )


def _line_needs_more(grid: Grid, line: Line, hidden: set[Position], k: int) -> bool:
    hidden_count = sum(p in hidden for p in line)
    if hidden_count == 0:
        return False
    if hidden_count == 1:
        return True
    margin = line[-1]
    return margin not in hidden and 0 < sum(grid.values[p] for p in line[:-1] if p in hidden) < k


@dataclass(frozen=True)
class _Moves:
    """Which way each hidden entry can move as far as a reader knows, as arcs to walk along."""

    grid: Grid
    hidden: set[Position]
    primary: set[Position]
    k: int

    def can_move(self, position: Position, step: int) -> bool:
        value = self.grid.values[position]
        return value > 1 if step < 0 else (position not in self.primary or value < self.k - 1)

    def _walk(self, node: int, skip: Position, backwards: bool) -> Iterable[int]:
        """Nodes one arc on from `node` (or, backwards, the nodes one arc before it)."""
        for position in self.grid.touching.get(node, ()):
            if position == skip or position not in self.hidden:
                continue
            tail, head = self.grid.arcs[position]
            up, down = self.can_move(position, +1), self.can_move(position, -1)
            if node == (head if backwards else tail) and up:
                yield tail if backwards else head
            if node == (tail if backwards else head) and down:
                yield head if backwards else tail

    def onwards(self, skip: Position) -> Callable[[int], Iterable[int]]:
        return lambda node: self._walk(node, skip, backwards=False)

    def backwards(self, skip: Position) -> Callable[[int], Iterable[int]]:
        return lambda node: self._walk(node, skip, backwards=True)


def _reach(start: int, step: Callable[[int], Iterable[int]]) -> set[int]:
    seen, queue = {start}, deque([start])
    while queue:
        for neighbour in step(queue.popleft()):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    return seen


def _unpinning(grid: Grid, moves: _Moves, entry: Position) -> set[Position] | None:
    """None when `entry` can move; else the visible entries whose hiding would let it move."""
    tail, head = grid.arcs[entry]
    closers: set[Position] = set()
    for step, start, goal in ((+1, head, tail), (-1, tail, head)):
        if not moves.can_move(entry, step):
            continue
        ahead = _reach(start, moves.onwards(entry))
        if goal in ahead:
            return None
        behind = _reach(goal, moves.backwards(entry))
        closers |= {
            p
            for p, (u, v) in grid.arcs.items()
            if p not in moves.hidden and ((u in ahead and v in behind) or (v in ahead and u in behind))
        }
    return closers


def _unpin(grid: Grid, hidden: set[Position], primary: set[Position], k: int) -> Position | None:
    """An entry to hide so that the first pinned hidden entry that can be helped comes loose."""
    moves = _Moves(grid, hidden, primary, k)
    for entry in sorted(hidden & grid.arcs.keys()):
        if not (moves.can_move(entry, +1) or moves.can_move(entry, -1)):
            continue  # "<2" says 1: the mark itself tells, nothing more to protect
        closers = _unpinning(grid, moves, entry)
        if closers is None:
            continue
        # No single entry frees it: widen its own lines and look again on the next round.
        own_lines = {p for index in grid.lines_of[entry] for p in grid.lines[index]}
        choice = smallest_visible(grid, closers, hidden) or smallest_visible(grid, own_lines, hidden)
        if choice is not None:
            return choice
    return None


def _next_to_hide(grid: Grid, hidden: set[Position], primary: set[Position], k: int) -> Position | None:
    for index, line in enumerate(grid.lines):
        if _line_needs_more(grid, line, hidden, k):
            candidate = smallest_visible(grid, line, hidden, index)
            if candidate is not None:
                return candidate
    return _unpin(grid, hidden, primary, k)


def hidden_entries(grid: Grid, k: int) -> tuple[set[Position], set[Position]]:
    """(primary, everything hidden): primary are the counts 1..k−1, the rest protects them."""
    primary = {p for p, value in grid.values.items() if 0 < value < k}
    hidden = set(primary)
    while (extra := _next_to_hide(grid, hidden, primary, k)) is not None:
        hidden.add(extra)
    return primary, hidden
