import pytest
from django.core.exceptions import ImproperlyConfigured

from ipweek.core.env import env_bool, env_database


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")

    assert env_bool("FLAG", default=False) is True


def test_env_bool_stops_on_a_misspelling(monkeypatch):
    monkeypatch.setenv("FLAG", "ture")

    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG", default=False)


def test_env_database_reads_postgres_urls(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/ipweek")

    config = env_database("DATABASE_URL", default="sqlite:///x.sqlite3")

    assert (config["ENGINE"], config["NAME"], config["HOST"]) == ("django.db.backends.postgresql", "ipweek", "db")


def test_env_database_defaults_to_sqlite_in_wal_mode(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)

    config = env_database("DATABASE_URL", default="sqlite:////tmp/x.sqlite3")

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
