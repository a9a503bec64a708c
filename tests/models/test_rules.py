from benchmark.models.rules import rule_features, strip_quotes


def test_a_question_inside_quotes_is_not_the_writers():
    writer = rule_features("Is this the end of the line for the tram? The council votes on Monday.")
    quoted = rule_features('"Is this the end?" asked Ilse Varn, the councillor, on Monday.')
    assert writer[0][0] == 1 and quoted[0][0] == 0
    assert quoted[2][0] == 1  # quotation marks next to a reporting verb


def test_hedges_and_weasels_outside_quotes():
    (_, spec, _) = rule_features("Critics say the scheme will probably fail within a year.")
    assert spec[:2] == (1, 1)
    (_, spec, _) = rule_features('"It will probably fail," said Ada Kestrel.')
    assert spec[0] == 0  # the hedge is inside the quotation


def test_strip_quotes_keeps_apostrophes():
    assert "club's" in strip_quotes("The club's 'temporary' stand")
    assert "temporary" not in strip_quotes("The club's 'temporary' stand")
