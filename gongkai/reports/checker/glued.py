"""Glued digits in table 三 split as one constraint problem over the whole table.

A row whose digits run together ("801000081") may split many ways. Its own 总计 (I2) rules
most of them out; the columns (I1: 一 + 二 = （七） + 四; I3: （七） = the sum of the outcome
rows) decide the rest. An assignment of splits is accepted when it is the only one that
satisfies every identity — or, when none does, the only one that satisfies every identity
but those through one cell: that cell is then the report's error, and the identities say so.
Anything else is "could not be read", never a guess."""

from __future__ import annotations

from gongkai.statute.report_format import ReportFormat, outcome_row_keys

MAX_NODES = 50_000  # bounds the worst case to about a second
CONSISTENT, ONE_CELL_OFF, WORSE = 0, 1, 2


def solve_three(
    fmt: ReportFormat, rows: dict[str, list], pending: dict[str, list[tuple[int, ...]]]
) -> tuple[dict[str, list[int]] | None, str]:
    """Values for the `pending` rows (key → possible splits), given the rows already read;
    None and the reason when no single assignment fits.

    A depth-first search over the pending rows, pruned by the column sums: once （七） is
    known, the outcome rows still open bound each column's sum, and more than one column
    out of its bounds cannot be one wrong cell."""
    identities = _identities(fmt, set(rows) | set(pending))
    outcomes = [k for k in outcome_row_keys(fmt) if k in rows or k in pending]
    first = [k for k in ("三（七）", "一", "二", "四") if k in pending]
    order = first + sorted((k for k in pending if k not in first), key=lambda k: len(pending[k]))
    low = {k: [min(_num(c[i]) for c in pending[k]) for i in range(7)] for k in pending}
    high = {k: [max(_num(c[i]) for c in pending[k]) for i in range(7)] for k in pending}
    table = {key: list(values) for key, values in rows.items()}
    found: dict[int, list[dict]] = {CONSISTENT: [], ONE_CELL_OFF: []}
    visited = 0

    def columns_out_of_bounds(depth: int) -> int:
        total = table.get("三（七）")
        if total is None or "三（七）" in order[depth:]:
            return 0
        open_rows = set(order[depth:])
        out = 0
        for column in range(7):
            if not isinstance(total[column], int):
                continue
            lo = hi = 0
            for key in outcomes:
                if key in open_rows:
                    lo += low[key][column]
                    hi += high[key][column]
                else:
                    value = table[key][column]
                    if not isinstance(value, int):
                        break
                    lo += value
                    hi += value
            else:
                if not lo <= total[column] <= hi:
                    out += 1
        return out

    def search(depth: int) -> bool:
        nonlocal visited
        visited += 1
        if visited > MAX_NODES:
            return False
        if columns_out_of_bounds(depth) > 1:
            return True
        if depth == len(order):
            score = _score(table, identities)
            if score in found:
                found[score].append({k: list(table[k]) for k in pending})
            return len(found[CONSISTENT]) < 2
        key = order[depth]
        for candidate in pending[key]:
            table[key] = list(candidate)
            if not search(depth + 1):
                return False
        del table[key]
        return True

    complete = search(0) or len(found[CONSISTENT]) >= 2
    if not complete:
        return None, f"可能的拆分组合过多（超过 {MAX_NODES} 种）"
    for score in (CONSISTENT, ONE_CELL_OFF):
        if len(found[score]) == 1:
            return found[score][0], ""
        if found[score]:
            return None, f"有 {len(found[score])} 种拆分同样符合全表勾稽关系"
    return None, "没有一种拆分接近符合全表勾稽关系"


def _num(value) -> int:
    return value if isinstance(value, int) else 0


def _identities(fmt: ReportFormat, present: set[str]) -> list[list[tuple[str, int, int]]]:
    """Each identity as its cells with coefficients: Σ coefficient × cell = 0."""
    identities = []
    block = fmt.tables["三"].blocks[0]
    for row in block.value_rows:
        if row.key in present:  # I2
            identities.append([(row.key, c, 1) for c in range(6)] + [(row.key, 6, -1)])
    for column in range(7):
        if {"一", "二", "三（七）", "四"} <= present:  # I1
            identities.append(
                [("一", column, 1), ("二", column, 1), ("三（七）", column, -1), ("四", column, -1)]
            )
        outcomes = outcome_row_keys(fmt)
        if set(outcomes) <= present and "三（七）" in present:  # I3
            identities.append([(k, column, 1) for k in outcomes] + [("三（七）", column, -1)])
    return identities


def _score(table: dict[str, list], identities) -> int:
    failing = []
    for identity in identities:
        total = 0
        for key, column, sign in identity:
            value = table[key][column]
            if not isinstance(value, int):
                break  # a blank makes it uncheckable: neither for nor against
            total += sign * value
        else:
            if total:
                failing.append((identity, total))
    if not failing:
        return CONSISTENT
    # one cell explains every failure: it is in each failing identity, every identity it is
    # in fails, and one change of it mends them all
    cells = set.intersection(*({(k, c) for k, c, _ in identity} for identity, _ in failing))
    for cell in cells:
        through = [i for i in identities if any((k, c) == cell for k, c, _ in i)]
        if len(through) != len(failing):
            continue
        changes = {
            -total * next(s for k, c, s in identity if (k, c) == cell)
            for identity, total in failing
        }
        if len(changes) == 1:
            return ONE_CELL_OFF
    return WORSE
