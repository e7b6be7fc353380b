"""Each phrase once (core/words.py): counts, someone's work, the months."""

from __future__ import annotations

from abcnet.core.words import MONTH_NUMBERS, MONTHS_SHORT, counted, files_have, plural, work


def test_a_count_agrees_with_its_noun_and_verb() -> None:
    assert plural(1, "person is", "people are") == "1 person is"
    assert plural(2, "person is", "people are") == "2 people are"
    assert counted(1511, "row") == "1,511 rows"
    assert counted(1, "row") == "1 row"
    assert plural(1511, "row") == "1511 rows"
    assert files_have(1) == "1 file has"
    assert files_have(3) == "3 files have"


def test_work_is_role_at_org_with_blanks_left_out() -> None:
    assert work("Head of  Data", " Fabrikam ") == "Head of Data at Fabrikam"
    assert work("  ", "Fabrikam") == "Fabrikam"
    assert work("CTO", None) == "CTO"
    assert work(None, " ") is None


def test_months_in_short_read_back_in_any_case() -> None:
    assert MONTHS_SHORT[2] == "Mar"
    assert MONTH_NUMBERS["mar"] == 3
    assert len(MONTH_NUMBERS) == 12
