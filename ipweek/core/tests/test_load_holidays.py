import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ipweek.core.models import Holiday


@pytest.mark.django_db
def test_loads_and_updates_days(tmp_path):
    source = tmp_path / "2099.csv"
    source.write_text("date,kind,name\n2099-05-01,holiday,劳动节\n2099-05-02,workday,调休\n", encoding="utf-8")
    call_command("load_holidays", str(source), stdout=StringIO())
    call_command("load_holidays", str(source), stdout=StringIO())
    assert dict(Holiday.objects.values_list("date", "kind")) == {
        dt.date(2099, 5, 1): "holiday",
        dt.date(2099, 5, 2): "workday",
    }


@pytest.mark.django_db
def test_a_bad_line_loads_nothing(tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text("2099-05-01,holiday,劳动节\n2099-13-01,holiday,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("load_holidays", str(source), stdout=StringIO())
    assert not Holiday.objects.exists()


@pytest.mark.django_db
def test_check_tells_whether_a_year_is_known():
    out = StringIO()
    call_command("load_holidays", check=2026, stdout=out)
    call_command("load_holidays", check=2099, stdout=out)
    assert "2026: known" in out.getvalue()
    assert "2099: not known" in out.getvalue()
