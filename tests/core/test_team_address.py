"""Team project addresses: what people type becomes a libpq string, and a password typed
into it is taken out before anything is shown or remembered."""

from __future__ import annotations

import pytest

from annotator.core.team_address import NotATeamAddress, split_password, team_address

SSL_URL = "postgresql://olga@db/desk?sslmode=require"


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("postgresql://olga@db.example.org/desk", "postgresql://olga@db.example.org/desk"),
        ("  postgres://olga@db/desk ", "postgres://olga@db/desk"),
        ("host=db dbname=desk sslmode=verify-full", "host=db dbname=desk sslmode=verify-full"),
        ("desk", "service=desk"),
        ("desk-2.night", "service=desk-2.night"),
    ],
)
def test_what_people_type_becomes_an_address(typed, address):
    assert team_address(typed) == address


@pytest.mark.parametrize("typed", ["", "   ", "desk project", "/home/olga/desk.annotator", "http://db/desk"])
def test_anything_else_is_refused_in_words(typed):
    with pytest.raises(NotATeamAddress):
        team_address(typed)


@pytest.mark.parametrize(
    ("address", "kept", "password"),
    [
        ("postgresql://olga:s3cret@db:5433/desk", "postgresql://olga@db:5433/desk", "s3cret"),
        ("postgresql://olga:p%40ss%3Aword@db/desk", "postgresql://olga@db/desk", "p@ss:word"),
        ("postgresql://olga:@db/desk", "postgresql://olga@db/desk", ""),
        ("postgresql://olga@db/desk?password=x1&sslmode=require", f"{SSL_URL}", "x1"),
        ("postgresql://olga@db/desk?sslmode=require&password=x1", f"{SSL_URL}", "x1"),
        ("host=db password=s3cret dbname=desk", "host=db dbname=desk", "s3cret"),
        ("host=db password='a b\\'c' dbname=desk", "host=db dbname=desk", "a b'c"),
        ("postgresql://olga@db/desk", "postgresql://olga@db/desk", None),
        ("service=desk", "service=desk", None),
    ],
)
def test_a_password_is_taken_out_of_the_address(address, kept, password):
    without, found = split_password(address)
    assert _parts(without) == _parts(kept)
    if password is not None:
        assert found == password
    assert "s3cret" not in without and "x1" not in without


def test_a_broken_connection_string_with_a_password_is_refused_without_echoing_it():
    with pytest.raises(NotATeamAddress) as refused:
        split_password("host=db password='Zq9-hidden")
    assert "Zq9" not in str(refused.value)


def _parts(address: str) -> dict:
    from psycopg.conninfo import conninfo_to_dict

    return conninfo_to_dict(address) if "://" not in address else {"url": address}
