"""An attacker for the disclosure tests: everything published, as one integer program (ADR 0017).

Written apart from `monitor.statistics.joint_suppression` on purpose: it reads only what a reader holds (the
stored tables' cells and the sums printed next to them) plus what a reader may assume between
publications, and asks scipy's MILP solver for the smallest and largest value of each withheld cell.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from monitor.models import Publication
from monitor.publications.cells import NATIONAL, TableLayout, publication_cells
from monitor.statistics import counts, sdc
from monitor.statistics.joint_suppression import Constraint
from monitor.statistics.tables import PublishedTable
from wio.accounts.models import Region


@dataclass
class Reader:
    """What one reader holds: per cell the range its mark allows, and every equation they can write."""

    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    constraints: list[Constraint] = field(default_factory=list)

    def read(self, publication: Publication, prefix: str = "") -> None:
        """Shown cells are exact; a withheld cell ("x") is any whole number from 0 up."""
        for cell, value in publication.shown.items():
            self.narrow(prefix + cell, (0, math.inf) if value is None else (value, value))
        for terms, lower, upper in publication.constraints:
            low = -math.inf if lower is None else lower  # JSON keeps an open bound as null
            high = math.inf if upper is None else upper
            self.constraints.append(Constraint(tuple((prefix + c, k) for c, k in terms), low, high))

    def narrow(self, cell: str, bounds: tuple[float, float]) -> None:
        low, high = self.ranges.get(cell, (0, math.inf))
        self.ranges[cell] = (max(low, bounds[0]), min(high, bounds[1]))

    def grows(self, before: str, after: str, cells: Iterable[str]) -> None:
        """The reader assumes these counts did not shrink from one publication to the next."""
        for cell in cells:
            self.constraints.append(Constraint.at_most(before + cell, after + cell))

    def intervals(self) -> dict[str, tuple[float, float]]:
        """For every cell not shown exactly: the smallest and largest value it can have. Cells shown
        exactly are folded into the bounds; each group of linked unknown cells is one program."""
        unknown = {cell for cell, (low, high) in self.ranges.items() if low != high}
        folded = []
        for constraint in self.constraints:
            terms = [(cell, k) for cell, k in constraint.terms if cell in unknown]
            constant = sum(k * self.ranges[cell][0] for cell, k in constraint.terms if cell not in unknown)
            if terms:
                folded.append((terms, constraint.lower - constant, constraint.upper - constant))
        found: dict[str, tuple[float, float]] = {}
        for group in _groups(unknown, [terms for terms, _low, _high in folded]):
            found |= self._solve(sorted(group), [f for f in folded if f[0][0][0] in group])
        return found

    def _solve(self, cells: list[str], folded: list) -> dict[str, tuple[float, float]]:
        index = {cell: i for i, cell in enumerate(cells)}
        matrix = np.zeros((max(len(folded), 1), len(cells)))
        lower, upper = np.full(len(matrix), -np.inf), np.full(len(matrix), np.inf)
        for row, (terms, low, high) in enumerate(folded):
            for cell, coefficient in terms:
                matrix[row, index[cell]] += coefficient
            lower[row], upper[row] = low, high
        system = LinearConstraint(matrix, lower, upper)
        bounds = Bounds([self.ranges[c][0] for c in cells], [self.ranges[c][1] for c in cells])
        integral = np.ones(len(cells))
        found = {}
        for cell in cells:
            extremes = []
            for sign in (1, -1):
                objective = np.zeros(len(cells))
                objective[index[cell]] = sign
                result = milp(objective, constraints=system, integrality=integral, bounds=bounds)
                if result.status != 0:  # unbounded ("or infeasible", says HiGHS): check which
                    check = milp(
                        np.zeros(len(cells)), constraints=system, integrality=integral, bounds=bounds
                    )
                    assert check.status == 0, f"what was published contradicts itself ({check.message})"
                extremes.append(sign * result.fun if result.status == 0 else math.inf)
            found[cell] = (extremes[0], extremes[1])
        return found


def _groups(cells: set[str], linked: Iterable[list[tuple[str, int]]]) -> list[set[str]]:
    parent = {cell: cell for cell in cells}

    def root(cell: str) -> str:
        while parent[cell] != cell:
            cell = parent[cell]
        return cell

    for terms in linked:
        for cell, _k in terms[1:]:
            parent[root(cell)] = root(terms[0][0])
    groups: dict[str, set[str]] = {}
    for cell in cells:
        groups.setdefault(root(cell), set()).add(cell)
    return list(groups.values())


def narrowest(intervals: Mapping[str, tuple[float, float]]) -> tuple[str, tuple[float, float]] | None:
    if not intervals:
        return None
    return min(intervals.items(), key=lambda item: item[1][1] - item[1][0])


def read_old_marks(reader: Reader, cell_ids: Iterable[str], texts: Iterable[str], k: int) -> None:
    """The pattern used before ADR 0017: "<k" is 1…k−1, and since every such count is "<k", an
    "x" is at least k (defect 4)."""
    for cell, text in zip(cell_ids, texts, strict=False):
        if text == f"<{k}":
            reader.narrow(cell, (1, k - 1))
        elif text == "x":
            reader.narrow(cell, (k, math.inf))
        else:
            reader.narrow(cell, (int(text), int(text)))


def reader_of_old_pattern(peildatum: date, k: int) -> Reader:
    """What a reader held from the pattern used before ADR 0017 (`monitor.statistics.sdc`): the
    national tables, and each region's report suppressed on its own (defect 1), with "<k" and "x"
    (defect 4)."""
    cells = publication_cells(peildatum)
    reader = Reader(ranges=dict.fromkeys(cells.values, (0, math.inf)), constraints=list(cells.constraints))

    def read(layout: TableLayout, table: PublishedTable) -> None:
        read_old_marks(
            reader,
            [c for _l, ids in layout.rows for c in ids],
            [c.text for _l, r in table.rows for c in r],
            k,
        )
        read_old_marks(reader, layout.row_totals, [c.text for c in table.row_totals], k)
        read_old_marks(reader, layout.column_totals, [c.text for c in table.column_totals], k)
        if layout.grand_total and table.grand_total:
            read_old_marks(reader, [layout.grand_total], [table.grand_total.text], k)

    national = counts.published_tables(peildatum, k)
    for layout in cells.tables[NATIONAL]:
        read(layout, national[layout.slug])
    core = counts.published_core_counts(peildatum, k)
    by_region = {"cases-by-category": counts.cases_by_category_by_region(peildatum)}
    by_region["conversations-and-beraden"] = counts.conversations_and_beraden_by_region(peildatum)
    for region in Region.objects.all():
        for layout in cells.tables.get(str(region.pk), []):
            if layout.slug == "core-by-region":
                read(layout, core.for_regions({region.name}))
            elif layout.slug == "knelpunten":
                read(layout, sdc.publish(counts.knelpunten_by_category_and_status(peildatum, [region.pk]), k))
            elif layout.slug in by_region:
                raw = by_region[layout.slug]
                read(
                    layout,
                    sdc.publish(replace(raw, rows=tuple(r for r in raw.rows if r[0] == region.name)), k),
                )
    return reader
