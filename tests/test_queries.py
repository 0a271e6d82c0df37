"""The query loader, and every file in queries/ run against the normalized seed."""

from __future__ import annotations

import pytest

from dashboard import queries
from dashboard.queries import QueryError, parse


def test_every_query_runs_on_the_seed(seed_con):
    for name, query in queries.load().items():
        if name in ("schema", "rules"):
            continue  # scripts, already run to build seed_con
        params = {p: None for p in query.params}
        if "lines" in params:
            params["lines"] = 0
        frame = queries.run(seed_con, name, **params)
        assert len(frame.columns), name


def test_every_query_says_what_a_row_is():
    for query in queries.load().values():
        assert query.doc, f"{query.path.name} has no leading comment"


def test_empty_query_fails_naming_the_file(tmp_path):
    (tmp_path / "blank.sql").write_text("-- nothing here\n\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"blank\.sql: query is empty"):
        parse(tmp_path / "blank.sql")


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({}, r"missing \$year"),
        ({"year": 1, "month": 2}, r"unexpected \$month"),
    ],
)
def test_parameters_must_match_the_file(tmp_path, given, message):
    (tmp_path / "q.sql").write_text("-- one\nselect $year as y, '$notaparam' as s -- $nor_this\n", encoding="utf-8")
    query = parse(tmp_path / "q.sql")
    assert query.params == {"year"}
    with pytest.raises(QueryError, match=rf"q\.sql: parameters do not match \({message}"):
        query.check(given)


def test_status_runs_with_named_parameters(seed_con):
    frame = queries.run(seed_con, "status", year=2019, domain="住まいの確保")
    assert list(frame.number) == ["1-①", "2-②"]
    english = queries.run(seed_con, "status", year=2019, domain="Securing housing")
    assert list(english.measure_id) == list(frame.measure_id)
