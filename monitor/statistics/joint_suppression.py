"""One suppression pattern over everything published for a reporting date (ADR 0017, NORMS §5 SDC-2/4).

The reader is modelled as an attacker with an integer program: every published cell is a variable,
a shown cell is fixed to its value, a withheld cell is any whole number from 0 up (one mark for every
withheld cell, so a reader cannot tell a small count from a cell withheld to protect it, nor a withheld
zero from a withheld 7). Everything the reader can write down is a constraint: totals are the sum of
their cells, a region's row is part of its phase and of the nation, a bottleneck counted in a region
is counted nationally, and what an earlier reporting date or edition showed.

A withheld cell is protected when the smallest and largest value the reader can prove for it lie at
least k − 1 apart: it can be any of at least k whole numbers. `protect` starts from the counts 1…k−1
and withholds more cells until every withheld cell (also those of earlier publications that the
constraints reach) is protected. Withholding a cell only ever widens what the reader must consider,
so a cell once protected stays protected and only the failing cells are solved again.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

CellId = str


@dataclass(frozen=True)
class Constraint:
    """lower ≤ Σ coefficient · cell ≤ upper, which any reader can write down from what is published."""

    terms: tuple[tuple[CellId, int], ...]
    lower: float
    upper: float

    @classmethod
    def total(cls, margin: CellId, parts: Iterable[CellId]) -> "Constraint":
        """`margin` is the sum of `parts`."""
        return cls(((margin, -1), *((part, 1) for part in parts)), 0, 0)

    @classmethod
    def at_most(cls, smaller: CellId, larger: CellId) -> "Constraint":
        return cls(((larger, 1), (smaller, -1)), 0, math.inf)

    @classmethod
    def sum_at_least(cls, smaller: CellId, parts: Iterable[CellId]) -> "Constraint":
        """`smaller` ≤ Σ parts (a bottleneck met in several regions counts once nationally)."""
        return cls(((smaller, -1), *((part, 1) for part in parts)), 0, math.inf)

    @classmethod
    def within(cls, first: CellId, second: CellId, distance: int) -> "Constraint":
        return cls(((first, 1), (second, -1)), -distance, distance)


@dataclass(frozen=True)
class Publication:
    """What a reader has: each cell's shown value (None when withheld) and the constraints."""

    shown: Mapping[CellId, int | None]
    constraints: tuple[Constraint, ...]


Interval = tuple[float, float]


def _components(withheld: set[CellId], constraints: Iterable[Constraint]) -> list[set[CellId]]:
    """Withheld cells that share a constraint, transitively: each group is one small program."""
    parent = {cell: cell for cell in withheld}

    def root(cell: CellId) -> CellId:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for constraint in constraints:
        cells = [cell for cell, _coefficient in constraint.terms if cell in withheld]
        for other in cells[1:]:
            parent[root(other)] = root(cells[0])
    groups: dict[CellId, set[CellId]] = {}
    for cell in withheld:
        groups.setdefault(root(cell), set()).add(cell)
    return list(groups.values())


def _bounds_in(
    group: list[CellId],
    publication: Publication,
    targets: Iterable[CellId],
    solution: Mapping[CellId, int] | None = None,
) -> dict[CellId, Interval]:
    """The reader's tightest interval for each target of one group of withheld cells.

    `solution` (the true values, when the caller knows them) saves solving: when no shown number
    enters the group's constraints, any solution can be scaled up, so a cell that is not 0 in the
    true one is unbounded, and all zeros is a solution too."""
    index = {cell: i for i, cell in enumerate(group)}
    rows = []
    for constraint in publication.constraints:
        hidden = [(index[c], k) for c, k in constraint.terms if c in index]
        if not hidden:
            continue
        constant = sum(k * (publication.shown[c] or 0) for c, k in constraint.terms if c not in index)
        rows.append((hidden, constraint.lower - constant, constraint.upper - constant))
    matrix = lil_matrix((max(len(rows), 1), len(group)))
    lower, upper = np.full(max(len(rows), 1), -np.inf), np.full(max(len(rows), 1), np.inf)
    for r, (hidden, low, high) in enumerate(rows):
        for column, coefficient in hidden:
            matrix[r, column] += coefficient
        lower[r], upper[r] = low, high
    homogeneous = all(low in (0, -math.inf) and high in (0, math.inf) for _h, low, high in rows)
    if homogeneous and solution is not None and all(solution.get(target, 0) > 0 for target in targets):
        return dict.fromkeys(targets, (0.0, math.inf))
    system = LinearConstraint(matrix.tocsr(), lower, upper)
    integral, variables = np.ones(len(group)), Bounds(np.zeros(len(group)), np.full(len(group), np.inf))
    intervals = {}
    for target in targets:
        extremes = []
        for sign in (1, -1):
            objective = np.zeros(len(group))
            objective[index[target]] = sign
            result = milp(objective, constraints=system, integrality=integral, bounds=variables)
            if result.status == 0:
                extremes.append(sign * result.fun)
            elif _feasible(system, integral, variables):  # unbounded: only the upper end can run away
                extremes.append(math.inf)
            else:
                raise ValueError(f"the published constraints are inconsistent (status {result.status})")
        intervals[target] = (extremes[0], extremes[1])
    return intervals


def _feasible(system: LinearConstraint, integral: np.ndarray, variables: Bounds) -> bool:
    """HiGHS may answer "unbounded or infeasible"; without an objective it tells which."""
    return bool(
        milp(np.zeros(len(integral)), constraints=system, integrality=integral, bounds=variables).status == 0
    )


def reader_intervals(
    publication: Publication,
    targets: Iterable[CellId] | None = None,
    solution: Mapping[CellId, int] | None = None,
) -> dict[CellId, Interval]:
    """For each withheld cell (or each of `targets`), the smallest and largest value a reader can prove."""
    withheld = {cell for cell, value in publication.shown.items() if value is None}
    wanted = withheld if targets is None else set(targets) & withheld
    intervals: dict[CellId, Interval] = {}
    for group in _components(withheld, publication.constraints):
        if group & wanted:
            intervals |= _bounds_in(sorted(group), publication, sorted(group & wanted), solution)
    return intervals


def is_protected(interval: Interval, k: int) -> bool:
    low, high = interval
    return high - low >= k - 1


def _neighbours(cell: CellId, constraints: Iterable[Constraint]) -> set[CellId]:
    return {other for c in constraints if any(t == cell for t, _k in c.terms) for other, _k in c.terms}


def _next_to_withhold(
    failing: CellId, values: Mapping[CellId, int], withheld: set[CellId], constraints: tuple[Constraint, ...]
) -> CellId | None:
    """The cheapest shown cell of this publication next to `failing`: a small non-zero count, a
    cell before a total; a zero only when nothing else is left; further out when nothing is near."""
    reached, frontier = {failing}, {failing}
    while frontier:
        near = set().union(*(_neighbours(cell, constraints) for cell in frontier)) - reached
        candidates = [c for c in near if c in values and c not in withheld]
        if candidates:
            return min(candidates, key=lambda c: (values[c] == 0, ":total" in c, values[c], c))
        reached |= near
        frontier = {c for c in near if c in withheld or c not in values}
    return None


def protect(
    values: Mapping[CellId, int],
    constraints: tuple[Constraint, ...],
    k: int,
    earlier: Mapping[CellId, int | None] | None = None,
    start: Iterable[CellId] = (),
) -> set[CellId]:
    """The cells of `values` to withhold: the counts 1…k−1, `start`, and what protects them.

    `earlier` holds what earlier publications showed (None: withheld); `constraints` may link them to
    the new cells. Their withheld cells must stay protected too.
    """
    earlier = dict(earlier or {})
    # A solution only when every cell's true value is known (no earlier withheld cells).
    known = {cell: value for cell, value in earlier.items() if value is not None}
    solution = {**values, **known} if len(known) == len(earlier) else None
    primary = {cell for cell, value in values.items() if 0 < value < k}
    withheld = primary | (set(start) & values.keys())
    to_check = set(withheld) | {cell for cell, value in earlier.items() if value is None}
    while to_check:
        shown = {c: (None if c in withheld else v) for c, v in values.items()} | earlier
        intervals = reader_intervals(Publication(shown, constraints), to_check, solution)
        failing = sorted(cell for cell, interval in intervals.items() if not is_protected(interval, k))
        choices = {cell: _next_to_withhold(cell, values, withheld, constraints) for cell in failing}
        stuck = {cell for cell, choice in choices.items() if choice is None}
        if stuck & primary:
            raise ValueError("no suppression pattern protects these counts")
        # A cell of k or more held between two values published before cannot be helped by
        # withholding more; it gives no small count away (a small one always can be helped).
        added = {choice for choice in choices.values() if choice is not None}
        withheld |= added
        to_check = (set(failing) - stuck) | added
    return withheld
