"""Parsing Python-literal nested cells: DuckDB's native cast, and the literal_eval fallback."""

from __future__ import annotations

import duckdb
import pytest

from moviebot.etl import nested

CELLS = [
    ("[{'id': 16, 'name': 'Animation'}]", [(16, "Animation")]),
    ("[{'name': \"Ocean's Eleven\", 'id': 1}]", [(1, "Ocean's Eleven")]),
    ("[{'id': 2, 'name': 'It\\'s'}]", [(2, "It's")]),
    ("[{'id': 3, 'name': 'Amélie, 千と千尋'}]", [(3, "Amélie, 千と千尋")]),
    ("[{'id': 4, 'name': 'a}b]c'}, {'id': 5, 'name': None}]", [(4, "a}b]c"), (5, None)]),
    ("[]", []),
    ("[{'id': 6, 'name': 'extra', 'logo_path': None}]", [(6, "extra")]),  # fallback
    ("[{'id': 7.0, 'name': True}]", [(7, "True")]),  # odd types survive
]


def parse(cells: list[str | None], kind: str = "id_name", is_list: bool = True):
    con = duckdb.connect()
    con.execute("CREATE TABLE src (movie_id INTEGER, cell VARCHAR)")
    con.executemany("INSERT INTO src VALUES (?, ?)", list(enumerate(cells)))
    cell = nested.Cell("cell", kind, is_list=is_list)
    nested.parse_into(con, table="parsed", select="SELECT * FROM src", cells=[cell])
    result = nested.fall_back(con, table="parsed", cell=cell)
    rows = con.execute("SELECT cell FROM parsed ORDER BY movie_id").fetchall()
    return [r[0] for r in rows], result


@pytest.mark.parametrize(("cell", "expected"), CELLS)
def test_cells(cell, expected):
    [value], result = parse([cell])
    got = [(item["id"], None if item["name"] == "None" else item["name"]) for item in value]
    assert got == expected
    assert result.unparseable == 0


def test_fallback_only_for_failed_cells():
    values, result = parse([c for c, _ in CELLS])
    assert result.fallback_fixed == 1 and result.unparseable == 0
    assert all(v is not None for v in values)


def test_unparseable_cells_are_counted_and_empty():
    values, result = parse(["[{'id': 1, 'name': 'x'}]", "[{'id': 2, 'name'", "not python", None])
    assert result.unparseable == 2
    assert values[1] is None and values[2] is None and values[3] is None
    assert result.example.startswith("id 1:")


def test_single_dict_collection():
    values, result = parse(
        ["{'id': 10, 'name': 'Some Collection', 'poster_path': None, 'backdrop_path': '/b.jpg'}",
         "{'id': 11, 'name': 'Extra', 'unexpected': 1}", None],
        kind="collection", is_list=False,
    )
    assert values[0]["id"] == 10 and values[0]["backdrop_path"] == "/b.jpg"
    assert values[1]["id"] == 11 and values[1]["name"] == "Extra"
    assert values[2] is None and result.unparseable == 0


def test_cast_keys_missing_are_null():
    [value], _ = parse(["[{'name': \"Conan O'Brien\", 'order': 1, 'profile_path': None}]"],
                       kind="cast")
    assert value[0]["name"] == "Conan O'Brien" and value[0]["order"] == 1
    assert value[0]["character"] is None and value[0]["id"] is None


def test_kept_fields_and_filter_also_apply_to_the_fallback():
    con = duckdb.connect()
    con.execute("CREATE TABLE src (movie_id INTEGER, crew VARCHAR)")
    con.executemany("INSERT INTO src VALUES (?, ?)", [
        (1, "[{'job': 'Director', 'name': 'A', 'id': 5}, {'job': 'Editor', 'name': 'B'}]"),
        (2, "[{'job': 'Director', 'name': 'C', 'nickname': 'undeclared'}]"),
    ])
    cell = nested.Cell("crew", "crew", keep=("id", "name", "job"), where="x.job = 'Director'")
    nested.parse_into(con, table="parsed", select="SELECT * FROM src", cells=[cell])
    result = nested.fall_back(con, table="parsed", cell=cell)
    rows = con.execute("SELECT movie_id, crew FROM parsed ORDER BY movie_id").fetchall()
    assert rows[0][1] == [{"id": 5, "name": "A", "job": "Director"}]
    assert rows[1][1] == [{"id": None, "name": "C", "job": "Director"}]
    assert result.fallback_fixed == 1
