import random

from factory import make_record

from benchmark.data.stats import compute_stats, format_stats


def test_stats_on_a_hand_built_split():
    rng = random.Random(0)
    rows = [
        make_record(0, ["rhetorical_question"], rng),
        make_record(1, [], rng),
        make_record(2, ["attributed_quote"], rng),
        make_record(3, ["attributed_quote"], rng),
    ]
    # record 3: an attributed quote written without quotation marks
    rows[3]["text"] = "The ministry confirmed that the Orvale bridge would close in May for two weeks of repairs."
    rows[3]["evidence"] = {"attributed_quote": ["The ministry confirmed"]}
    s = compute_stats({"test": rows})["splits"]["test"]
    assert s["paragraphs"] == 4
    assert s["label_rates"] == {"rhetorical_question": 0.25, "unsupported_speculation": 0.0, "attributed_quote": 0.5}
    assert s["no_label_rate"] == 0.25
    assert s["combinations"]["RQ"] == 1 and s["combinations"]["QUOTE"] == 2 and s["combinations"]["none"] == 1
    c = s["cues"]
    assert c["with_question_mark"] == 1 and c["question_mark_without_rq"] == 0.0
    assert c["quote_without_quotation_marks"] == 0.5  # one of the two QUOTE paragraphs has no quotation marks
    assert c["with_hedge_word"] == 1 and c["hedge_without_speculation"] == 1.0  # "May" the month
    assert s["agreement"]["kappa"]["attributed_quote"] == 1.0
    assert "label rates: RQ 25.0%" in format_stats(compute_stats({"test": rows}))
