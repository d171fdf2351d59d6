"""Disclosure control (NORMS.md §5 SDC-1..3): property-based over random small count tables."""

from fractions import Fraction
from itertools import product
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.statistics.sdc import SECONDARY_MARK, publish, publish_nested, publish_percentage
from monitor.statistics.tables import CountTable, PublishedCell, PublishedTable

Entry = tuple[int, int]


@st.composite
def count_tables(draw: st.DrawFn) -> CountTable:
    n_rows = draw(st.integers(min_value=1, max_value=8))
    n_cols = draw(st.integers(min_value=1, max_value=8))
    small_counts = st.one_of(st.integers(0, 6), st.integers(0, 30))
    rows = tuple((f"row {i}", tuple(draw(small_counts) for _ in range(n_cols))) for i in range(n_rows))
    return CountTable(
        title="random",
        row_header="region",
        columns=tuple(f"col {j}" for j in range(n_cols)),
        rows=rows,
        with_totals=draw(st.booleans()),
        columns_add_up=draw(st.booleans()),
    )


def _published_entries(
    table: CountTable, published: PublishedTable
) -> dict[Entry, tuple[int, PublishedCell]]:
    """Every published cell with its true value, margins at index len(rows) / len(columns)."""
    n_rows, n_cols = len(table.rows), len(table.columns)
    entries = {
        (i, j): (value, published.rows[i][1][j])
        for i, (_label, values) in enumerate(table.rows)
        for j, value in enumerate(values)
    }
    entries.update(
        {
            (n_rows, j): (v, c)
            for j, (v, c) in enumerate(zip(table.column_totals(), published.column_totals, strict=False))
        }
    )
    entries.update(
        {
            (i, n_cols): (v, c)
            for i, (v, c) in enumerate(zip(table.row_totals(), published.row_totals, strict=False))
        }
    )
    if published.grand_total is not None:
        entries[(n_rows, n_cols)] = (sum(table.row_totals()), published.grand_total)
    return entries


def _lines(table: CountTable, published: PublishedTable) -> list[list[Entry]]:
    """The equations a reader can write down: every published margin with the cells it adds up."""
    n_rows, n_cols = len(table.rows), len(table.columns)
    lines = [[(i, j) for i in range(n_rows + 1)] for j in range(len(published.column_totals))]
    lines += [[(i, j) for j in range(n_cols + 1)] for i in range(len(published.row_totals))]
    if published.grand_total is not None:
        lines.append([(n_rows, j) for j in range(n_cols + 1)])
        lines.append([(i, n_cols) for i in range(n_rows + 1)])
    return lines


def _linearly_determined(hidden: list[Entry], lines: list[list[Entry]]) -> set[Entry]:
    """Hidden entries whose value follows from the published equations (reduced row echelon form).

    Each line says: its last entry (the margin) equals the sum of the others."""
    matrix = [
        [Fraction(0 if e not in line else -1 if e == line[-1] else 1) for e in hidden]
        for line in lines
        if any(e in hidden for e in line)
    ]
    pivots: list[int] = []
    row = 0
    for col in range(len(hidden)):
        pivot = next((r for r in range(row, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[row], matrix[pivot] = matrix[pivot], matrix[row]
        matrix[row] = [value / matrix[row][col] for value in matrix[row]]
        for r in range(len(matrix)):
            if r != row and matrix[r][col] != 0:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[row], strict=True)]
        pivots.append(col)
        row += 1
    free = set(range(len(hidden))) - set(pivots)
    return {hidden[col] for r, col in enumerate(pivots) if all(matrix[r][f] == 0 for f in free)}


def _assert_protected(
    entries: dict[Entry, tuple[int, PublishedCell]], lines: list[list[Entry]], k: int
) -> None:
    hidden = sorted(e for e, (_value, cell) in entries.items() if cell.suppressed)
    # every hidden entry is non-zero (zeros are shown) ...
    assert all(entries[e][0] > 0 for e in hidden)
    for line in lines:
        hidden_here = [e for e in line if e in hidden]
        # ... no line has a single hidden entry (its margin counting as one) ...
        assert len(hidden_here) != 1
        # ... and where the margin is shown, what it says about the hidden entries is not a small count
        if line[-1] not in hidden:
            assert (
                sum(entries[e][0] for e in hidden_here) == 0 or sum(entries[e][0] for e in hidden_here) >= k
            )
    # no combination of the published equations pins a hidden entry to one value
    assert _linearly_determined(hidden, lines) == set()


@settings(max_examples=300, deadline=None)
@given(table=count_tables(), k=st.sampled_from([3, 5, 10]))
def test_every_visible_cell_is_zero_or_at_least_k(table: CountTable, k: int) -> None:
    # Given a random table, when it is published
    published = publish(table, k)

    # Then what is shown is the true value and never a count from 1 to k-1 (SDC-1)
    for value, cell in _published_entries(table, published).values():
        assert cell.suppressed or (cell.text == str(value) and (value == 0 or value >= k))
        assert not cell.suppressed or cell.text in (f"<{k}", SECONDARY_MARK)
        assert cell.text != f"<{k}" or 1 <= value < k


@settings(max_examples=300, deadline=None)
@given(table=count_tables(), k=st.sampled_from([3, 5, 10]))
def test_no_hidden_cell_can_be_worked_out_from_the_totals(table: CountTable, k: int) -> None:
    # Given a random table, when it is published
    published = publish(table, k)
    entries = _published_entries(table, published)
    lines = _lines(table, published)

    # Then no hidden entry can be worked out from the totals and the visible entries (SDC-2)
    _assert_protected(entries, lines, k)


def test_a_lone_small_cell_takes_three_others_with_it() -> None:
    # Given a two-by-two table with one small count
    table = CountTable(title="t", row_header="r", columns=("a", "b"), rows=(("x", (2, 10)), ("y", (10, 10))))

    # When it is published
    published = publish(table, 5)

    # Then the four cells are hidden and the totals remain visible
    assert [[c.text for c in cells] for _label, cells in published.rows] == [["<5", "x"], ["x", "x"]]
    assert [c.text for c in published.row_totals] == ["12", "20"]
    assert [c.text for c in published.column_totals] == ["12", "20"]
    assert published.grand_total == PublishedCell("32")
    assert len(published.notes) == 2


def test_columns_of_different_measures_get_column_totals_only() -> None:
    # Given a table whose columns are different measures
    table = CountTable(
        title="t",
        row_header="r",
        columns=("a", "b"),
        rows=(("x", (3, 10)), ("y", (8, 6))),
        columns_add_up=False,
    )

    # When it is published
    published = publish(table, 5)

    # Then there is no row total and the small count's column hides one more cell
    assert published.row_totals == ()
    assert published.grand_total is None
    assert [[c.text for c in cells] for _label, cells in published.rows] == [["<5", "10"], ["x", "6"]]
    assert [c.text for c in published.column_totals] == ["11", "16"]


def test_the_threshold_comes_from_the_setting(settings: Any) -> None:
    # Given k = 10 in the settings
    settings.WIO_SUPPRESSION_K = 10
    table = CountTable(title="t", row_header="r", columns=("a",), rows=(("x", (7,)),), with_totals=False)

    # When a table is published without an explicit k
    published = publish(table)

    # Then 7 is hidden as "<10"
    assert published.rows[0][1][0].text == "<10"


@pytest.mark.parametrize(
    ("numerator", "denominator", "shown"),
    [
        (0, 4, ""),  # denominator below k: no "0 %"
        (4, 4, ""),  # denominator below k: no "100 %"
        (0, 0, ""),
        (0, 5, "0 %"),
        (5, 5, "100 %"),
        (3, 40, ""),  # the numerator itself would be "<5"
        (37, 40, ""),  # so would the 3 it leaves out
        (5, 10, "50 %"),
        (20, 30, "67 %"),
        (5, 2000, "1 %"),  # not all-or-nothing, so never rounded to 0 %
        (1995, 2000, "99 %"),  # ... or to 100 %
    ],
)
def test_percentages_never_give_a_small_group_away(numerator: int, denominator: int, shown: str) -> None:
    assert publish_percentage(numerator, denominator, 5) == shown


def test_a_hidden_cell_between_two_hidden_blocks_is_protected_too() -> None:
    # Given two blocks of small counts joined by one small count: every line has two hidden cells,
    # yet the joining cell follows from the totals unless another cell is hidden with it
    table = CountTable(
        title="t",
        row_header="r",
        columns=("a", "b", "c", "d"),
        rows=(
            ("w", (2, 3, 9, 9)),
            ("x", (3, 2, 2, 9)),
            ("y", (9, 9, 3, 4)),
            ("z", (9, 9, 4, 3)),
        ),
    )

    # When it is published
    published = publish(table, 5)
    entries = _published_entries(table, published)
    hidden = sorted(e for e, (_value, cell) in entries.items() if cell.suppressed)

    # Then no hidden cell is determined by the published equations
    assert _linearly_determined(hidden, _lines(table, published)) == set()
    assert len(hidden) == 10


def _reader_solutions(
    table: CountTable, published: PublishedTable, k: int, cap: int
) -> dict[Entry, set[int]]:
    """Every value a reader could still assign to each hidden entry: all tables up to `cap` per cell
    that look exactly like the published one (visible values, "<k" meaning 1..k-1, "x" meaning ≥ 1)."""
    entries = _published_entries(table, published)
    n_rows, n_cols = len(table.rows), len(table.columns)
    inner = [(i, j) for i in range(n_rows) for j in range(n_cols)]
    hidden_inner = [e for e in inner if entries[e][1].suppressed]

    def possible(cell: PublishedCell, limit: int = 10**9) -> range:
        if not cell.suppressed:
            return range(int(cell.text), int(cell.text) + 1)
        return range(1, k) if cell.text == f"<{k}" else range(1, limit + 1)

    found: dict[Entry, set[int]] = {e: set() for e, (_v, cell) in entries.items() if cell.suppressed}
    for guess in product(*(possible(entries[e][1], cap) for e in hidden_inner)):
        values = {e: entries[e][0] for e in inner} | dict(zip(hidden_inner, guess, strict=True))
        margins = {(n_rows, j): sum(values[(i, j)] for i in range(n_rows)) for j in range(n_cols)}
        margins |= {(i, n_cols): sum(values[(i, j)] for j in range(n_cols)) for i in range(n_rows)}
        margins[(n_rows, n_cols)] = sum(values.values())
        candidate = values | margins
        if all(candidate[e] in possible(cell) for e, (_v, cell) in entries.items()):
            for e in found:
                found[e].add(candidate[e])
    return found


@settings(max_examples=400, deadline=None)
@given(
    cells=st.lists(st.integers(0, 9), min_size=4, max_size=4),
    columns_add_up=st.booleans(),
    k=st.sampled_from([3, 5]),
)
def test_a_reader_trying_every_table_cannot_pin_a_hidden_cell(
    cells: list[int], columns_add_up: bool, k: int
) -> None:
    # Given a two-by-two table, published
    table = CountTable(
        title="t",
        row_header="r",
        columns=("a", "b"),
        rows=(("x", (cells[0], cells[1])), ("y", (cells[2], cells[3]))),
        columns_add_up=columns_add_up,
    )
    published = publish(table, k)

    # When a reader tries every table that would be published the same way
    solutions = _reader_solutions(table, published, k, cap=12)

    # Then each hidden entry keeps at least two possible values (the interval is not a point), except
    # where the marks alone tell (two "<3" cells under a "<3" total are 1 each): on a line whose every
    # non-zero entry is hidden already, since zeros are shown as "0"
    entries = _published_entries(table, published)
    exhausted = {
        e
        for line in _lines(table, published)
        if all(entries[p][1].suppressed or not entries[p][0] for p in line)
        for e in line
    }
    assert all(len(values) >= 2 for e, values in solutions.items() if e not in exhausted)


@st.composite
def nested_tables(draw: st.DrawFn) -> tuple[CountTable, CountTable, list[int]]:
    n_outer = draw(st.integers(1, 4))
    n_inner = draw(st.integers(n_outer, 10))
    n_cols = draw(st.integers(1, 3))
    parent_of = sorted(
        [*range(n_outer), *(draw(st.integers(0, n_outer - 1)) for _ in range(n_inner - n_outer))]
    )
    inner_rows = tuple(
        (f"region {i}", tuple(draw(st.integers(0, 12)) for _ in range(n_cols))) for i in range(n_inner)
    )
    outer_rows = tuple(
        (
            f"phase {p}",
            tuple(
                sum(v[j] for i, (_l, v) in enumerate(inner_rows) if parent_of[i] == p) for j in range(n_cols)
            ),
        )
        for p in range(n_outer)
    )
    columns = tuple(f"col {j}" for j in range(n_cols))
    inner = CountTable("regions", "region", columns, inner_rows, columns_add_up=False)
    outer = CountTable("phases", "phase", columns, outer_rows, columns_add_up=False)
    return inner, outer, parent_of


@settings(max_examples=200, deadline=None)
@given(tables=nested_tables(), k=st.sampled_from([3, 5]))
def test_regions_and_their_phases_cannot_be_subtracted_from_each_other(
    tables: tuple[CountTable, CountTable, list[int]], k: int
) -> None:
    # Given regions and the phases they belong to, published together
    inner, outer, parent_of = tables
    published_inner, published_outer = publish_nested(inner, outer, parent_of, k)

    # Then the national totals are the same in both
    assert published_inner.column_totals == published_outer.column_totals
    # and no hidden entry follows from the region columns, the phase columns or a phase's regions
    n_inner, offset = len(inner.rows), len(inner.rows) + 1
    entries = _published_entries(inner, published_inner)
    entries |= {
        (offset + p, j): (value, published_outer.rows[p][1][j])
        for p, (_label, values) in enumerate(outer.rows)
        for j, value in enumerate(values)
    }
    lines: list[list[Entry]] = []
    for j in range(len(inner.columns)):
        lines.append([*((i, j) for i in range(n_inner)), (n_inner, j)])
        lines.append([*((offset + p, j) for p in range(len(outer.rows))), (n_inner, j)])
        lines += [
            [*((i, j) for i in range(n_inner) if parent_of[i] == p), (offset + p, j)]
            for p in range(len(outer.rows))
        ]
    _assert_protected(entries, lines, k)
