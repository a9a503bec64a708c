import random

import pytest
from factory import make_record

from benchmark.data.schema import check_record, control_characters, suggest_label


@pytest.fixture
def record():
    return make_record(1, ["attributed_quote"], random.Random(0))


def fields(problems, severity="error"):
    return {p.field for p in problems if p.severity == severity}


def test_valid_record_has_no_problems(record):
    assert check_record(record, "f.jsonl", 3) == []


def test_problem_names_file_line_field_and_id(record):
    record["license"] = "GPL"
    (p,) = check_record(record, "contrib.jsonl", 7)
    assert (p.file, p.line, p.field, p.record_id) == ("contrib.jsonl", 7, "license", record["id"])
    assert str(p).startswith("contrib.jsonl:7 (id ")


@pytest.mark.parametrize("missing", ["id", "text", "labels", "evidence", "license", "contributor", "story_id"])
def test_missing_required_field(record, missing):
    del record[missing]
    assert missing in fields(check_record(record))


def test_unknown_label_suggests_the_right_one(record):
    record["labels"] = ["rhetorical_questoin"]
    (p,) = [p for p in check_record(record) if p.field == "labels"]
    assert "did you mean 'rhetorical_question'" in p.message
    assert suggest_label("Quote") == "attributed_quote"
    assert suggest_label("banana") is None


def test_evidence_must_be_an_exact_substring(record):
    record["evidence"]["attributed_quote"] = ["words that are not there"]
    assert "evidence.attributed_quote" in fields(check_record(record))


def test_positive_label_needs_evidence(record):
    record["evidence"] = {}
    assert "evidence.attributed_quote" in fields(check_record(record))


def test_evidence_for_a_negative_label_is_an_error(record):
    record["evidence"]["rhetorical_question"] = [record["text"][:20]]
    assert "evidence.rhetorical_question" in fields(check_record(record))


@pytest.mark.parametrize(
    "text,why",
    [
        ("   ", "empty"),
        ("Too short here.", "words"),
        (" ".join(["word"] * 600), "words"),
        ("The <b>council</b> met on Monday to discuss the budget for the coming year in Orvale.", "markup"),
        ("The council met on Monday &amp; discussed the budget for the coming year in Orvale.", "markup"),
        ("The council met on Monday\x07 to discuss the budget for the coming year in Orvale.", "control"),
    ],
)
def test_bad_text_is_an_error(record, text, why):
    record["text"] = text
    record["evidence"] = {}
    record["labels"] = []
    msgs = [p.message for p in check_record(record) if p.field == "text" and p.severity == "error"]
    assert msgs and any(why in m for m in msgs)


def test_licence_spelling_gets_a_hint(record):
    record["license"] = "CC BY 4.0"
    (p,) = [p for p in check_record(record) if p.field == "license"]
    assert "'CC-BY-4.0'" in p.message


def test_adjudication_needs_a_reason(record):
    record["annotations"]["adjudicated"] = True
    assert "annotations.reason" in fields(check_record(record))


def test_duplicate_label_and_bad_types(record):
    record["labels"] = ["attributed_quote", "attributed_quote"]
    record["position"] = -1
    assert {"labels", "position"} <= fields(check_record(record))
    assert check_record(["not", "a", "dict"])[0].severity == "error"


def test_control_characters_listed():
    assert control_characters("a\tb\u200bc") == ["U+0009", "U+200B"]
