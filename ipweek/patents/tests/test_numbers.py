"""Patent numbers and marks as printed: the published examples, every part that can go wrong, and properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipweek.patents.numbers import (
    Finding,
    NumberKind,
    Part,
    PatentType,
    check_character,
    check_mark,
    check_number,
)

THIS_YEAR = 2026


def codes(result):
    return [(problem.code, problem.part) for problem in result.problems]


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("201220687633", "0"), ("201710601862", "3"), ("201310699744", "2"), ("95115608", "X"), ("97101765", "4")],
)
def test_check_character_matches_published_numbers(digits, expected):
    assert check_character(digits) == expected


def test_check_character_refuses_anything_but_ascii_digits():
    with pytest.raises(ValueError):
        check_character("２０１２")


def test_a_new_format_application_number_is_read_into_its_parts():
    result = check_number("201710601862.3", this_year=THIS_YEAR)

    assert result.is_valid
    assert (result.kind, result.patent_type, result.year, result.is_pct) == (
        NumberKind.APPLICATION,
        PatentType.INVENTION,
        2017,
        False,
    )


def test_a_patent_number_with_full_width_digits_and_spaces_is_normalised():
    result = check_number("ZL２０１２ ２ ０６８７６３３．０", this_year=THIS_YEAR)

    assert result.is_valid and result.problems == ()
    assert (result.normalised, result.kind, result.patent_type) == (
        "ZL201220687633.0",
        NumberKind.PATENT,
        PatentType.UTILITY_MODEL,
    )


def test_an_ideographic_full_stop_and_lower_case_prefix_are_accepted():
    assert check_number("zl201310699744。2", this_year=THIS_YEAR).normalised == "ZL201310699744.2"


def test_an_old_format_number_with_x_is_valid_and_dated():
    result = check_number("95115608.X", this_year=THIS_YEAR)

    assert result.is_valid and result.year == 1995


def test_pct_type_digits_are_inventions_and_utility_models():
    invention = "20178" + "0012345"
    utility = "20189" + "0012345"

    first = check_number(f"{invention}.{check_character(invention)}", this_year=THIS_YEAR)
    second = check_number(f"{utility}.{check_character(utility)}", this_year=THIS_YEAR)

    assert (first.patent_type, first.is_pct) == (PatentType.INVENTION, True)
    assert (second.patent_type, second.is_pct) == (PatentType.UTILITY_MODEL, True)


def test_a_wrong_check_character_names_the_check_part_and_the_right_value():
    result = check_number("201220687633.5", this_year=THIS_YEAR)

    assert not result.is_valid
    assert codes(result) == [("check_wrong", Part.CHECK)]
    assert result.problems[0].params == {"found": "5", "expected": "0"}


def test_a_missing_check_character_is_an_error_that_offers_the_right_one():
    result = check_number("ZL201220687633", this_year=THIS_YEAR)

    assert codes(result) == [("check_missing", Part.CHECK)]
    assert result.problems[0].params == {"expected": "0"}


def test_a_check_character_without_its_dot_is_named_and_still_checked():
    assert codes(check_number("2012206876330", this_year=THIS_YEAR)) == [("dot_missing", Part.DOT)]
    assert codes(check_number("95115608X", this_year=THIS_YEAR)) == [("dot_missing", Part.DOT)]


def test_an_unknown_type_digit_names_the_type_part():
    digits = "201240687633"

    result = check_number(f"{digits}.{check_character(digits)}", this_year=THIS_YEAR)

    assert codes(result) == [("type", Part.TYPE)]
    assert result.problems[0].params == {"digit": "4"}


def test_a_future_year_names_the_year_part():
    digits = "203010012345"

    result = check_number(f"{digits}.{check_character(digits)}", this_year=THIS_YEAR)

    assert codes(result) == [("year", Part.YEAR)]
    assert result.problems[0].params == {"year": "2030", "earliest": 2003, "latest": THIS_YEAR}


def test_an_old_format_number_from_after_2003_is_implausible():
    digits = "05101765"

    result = check_number(f"{digits}.{check_character(digits)}", this_year=THIS_YEAR)

    assert codes(result) == [("year_old_format", Part.YEAR)]


def test_a_zero_serial_names_the_serial_part():
    digits = "201910000000"

    result = check_number(f"{digits}.{check_character(digits)}", this_year=THIS_YEAR)

    assert codes(result) == [("serial_zero", Part.SERIAL)]


def test_wrong_length_and_stray_characters_are_named():
    assert codes(check_number("20122068763.3", this_year=THIS_YEAR)) == [("length", Part.WHOLE)]
    assert codes(check_number("2012206A87633.0", this_year=THIS_YEAR)) == [("characters", Part.WHOLE)]
    assert codes(check_number("ZI201220687633.0", this_year=THIS_YEAR)) == [("prefix", Part.PREFIX)]
    assert codes(check_number("  ", this_year=THIS_YEAR)) == [("empty", Part.WHOLE)]


def test_spaces_between_parts_pass_but_spaces_inside_parts_or_around_the_dot_are_noted():
    between = check_number("ZL 2012 2 0687633.0", this_year=THIS_YEAR)
    inside = check_number("ZL 20 12 2 06876 33.0", this_year=THIS_YEAR)
    dot = check_number("201220687633 . 0", this_year=THIS_YEAR)

    assert between.problems == ()
    assert sorted(codes(inside)) == [("space_inside", Part.SERIAL), ("space_inside", Part.YEAR)]
    assert codes(dot) == [("space_around_dot", Part.DOT)]
    assert inside.is_valid and dot.is_valid  # the number is still unambiguous; only its layout is off


@pytest.mark.parametrize(
    ("number", "patent_type"),
    [
        ("CN102345678A", PatentType.INVENTION),
        ("CN102345678B", PatentType.INVENTION),
        ("CN1234567C", PatentType.INVENTION),
        ("CN212345678U", PatentType.UTILITY_MODEL),
        ("CN2123456Y", PatentType.UTILITY_MODEL),
        ("CN305123456S", PatentType.DESIGN),
        ("CN3012345D", PatentType.DESIGN),
        ("CN 112345678 A", PatentType.INVENTION),
    ],
)
def test_document_numbers_with_a_consistent_kind_code_are_valid(number, patent_type):
    result = check_number(number, this_year=THIS_YEAR)

    assert result.is_valid, result.problems
    assert (result.kind, result.patent_type) == (NumberKind.DOCUMENT, patent_type)


@pytest.mark.parametrize(
    ("number", "code", "part"),
    [
        ("CN202345678A", "kind_code", Part.KIND_CODE),
        ("CN102345678U", "kind_code", Part.KIND_CODE),
        ("CN305123456D", "kind_code", Part.KIND_CODE),
        ("CN502345678A", "document_type", Part.TYPE),
        ("CN10234567A", "document_length", Part.WHOLE),
    ],
)
def test_document_numbers_name_the_part_that_is_wrong(number, code, part):
    result = check_number(number, this_year=THIS_YEAR)

    assert codes(result) == [(code, part)]


def test_a_mark_claiming_an_invention_with_a_utility_model_number_is_a_type_mismatch():
    result = check_mark("中国发明专利 专利号：ZL 2012 2 0687633.0", this_year=THIS_YEAR)

    assert result.finding == Finding.TYPE_MISMATCH
    mismatch = next(problem for problem in result.problems if problem.code == "type_mismatch")
    assert mismatch.params == {"claimed": "invention", "actual": "utility_model", "digit": "2"}


def test_a_matching_mark_has_no_finding():
    result = check_mark("实用新型专利 专利号：ZL２０１２２０６８７６３３．０", this_year=THIS_YEAR)

    assert result.finding is None and result.problems == ()
    assert result.claimed_type == PatentType.UTILITY_MODEL


def test_an_application_mark_is_application_only():
    result = check_mark("发明专利申请 申请号：201710601862.3", this_year=THIS_YEAR)

    assert (result.claimed_type, result.claims_application, result.finding) == (
        PatentType.INVENTION,
        True,
        Finding.APPLICATION_ONLY,
    )


def test_a_publication_number_presented_as_a_patent_is_application_only():
    result = check_mark("发明专利 CN102345678A", this_year=THIS_YEAR)

    assert result.finding == Finding.APPLICATION_ONLY
    assert ("publication_not_grant", Part.KIND_CODE) in codes(result)


def test_a_mark_without_a_number_is_malformed_and_no_mark_is_nothing():
    assert check_mark("本产品已获国家专利", this_year=THIS_YEAR).finding == Finding.MALFORMED
    empty = check_mark("", this_year=THIS_YEAR)
    assert (empty.has_mark, empty.finding, empty.problems) == (False, None, ())


def test_the_typed_type_and_number_win_over_the_words_of_the_mark():
    result = check_mark("专利产品 仿冒必究", "invention", number="201220687633.0", this_year=THIS_YEAR)

    assert result.finding == Finding.TYPE_MISMATCH


def test_a_model_number_next_to_the_patent_number_is_not_taken_for_another_patent():
    result = check_mark("ZL201220687633.0 型号ABC123", this_year=THIS_YEAR)

    assert result.problems == ()


def test_several_numbers_on_one_mark_are_noted_and_the_first_is_checked():
    result = check_mark("ZL201220687633.0、ZL201710601862.3", this_year=THIS_YEAR)

    assert result.number is not None and result.number.normalised == "ZL201220687633.0"
    assert [problem.code for problem in result.problems] == ["more_numbers"]
    assert result.finding is None


# --- properties --------------------------------------------------------------------------------------

new_format = st.builds(
    lambda year, kind, serial: f"{year}{kind}{serial:07d}",
    st.integers(2003, THIS_YEAR),
    st.sampled_from("12389"),
    st.integers(1, 9_999_999),
)
old_format = st.builds(
    lambda year, kind, serial: f"{year:02d}{kind}{serial:05d}",
    st.sampled_from([*range(85, 100), *range(0, 4)]),
    st.sampled_from("12389"),
    st.integers(1, 99_999),
)
digit_strings = st.one_of(new_format, old_format)


# No deadline: the checks are microseconds, but a loaded test machine makes timing limits flaky.
@settings(deadline=None)
@given(digit_strings)
def test_every_well_formed_number_passes(digits):
    result = check_number(f"{digits}.{check_character(digits)}", this_year=THIS_YEAR)

    assert result.is_valid, result.problems


@settings(deadline=None)
@given(digit_strings, st.data())
def test_changing_one_digit_makes_the_check_fail(digits, data):
    position = data.draw(st.integers(0, len(digits) - 1))
    replacement = data.draw(st.sampled_from([d for d in "0123456789" if d != digits[position]]))
    changed = digits[:position] + replacement + digits[position + 1 :]

    result = check_number(f"{changed}.{check_character(digits)}", this_year=THIS_YEAR)

    assert not result.is_valid


@settings(deadline=None)
@given(digit_strings, st.sampled_from("0123456789X"))
def test_any_other_check_character_fails(digits, printed):
    expected = check_character(digits)

    result = check_number(f"{digits}.{printed}", this_year=THIS_YEAR)

    assert result.is_valid == (printed == expected)


@settings(deadline=None)
@given(new_format, st.booleans(), st.booleans())
def test_print_variants_normalise_to_the_same_number(digits, wide, spaced):
    check = check_character(digits)
    text = f"ZL{digits[:4]} {digits[4]} {digits[5:]}.{check}" if spaced else f"ZL{digits}.{check}"
    if wide:
        text = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789.ZL"})

    result = check_number(text, this_year=THIS_YEAR)

    assert (result.normalised, result.is_valid, result.problems) == (f"ZL{digits}.{check}", True, ())


def test_a_letter_inside_a_printed_number_is_reported_not_cut_off():
    result = check_mark("专利号：ZL20122068A633.0", this_year=THIS_YEAR)

    assert result.finding == Finding.MALFORMED
    assert codes(result) == [("characters", Part.WHOLE)]


def test_extra_characters_after_the_dot_are_reported():
    result = check_mark("专利号：ZL201220687633.05", this_year=THIS_YEAR)

    assert codes(result) == [("check_length", Part.CHECK)]
