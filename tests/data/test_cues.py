from benchmark.data import cues


def test_quotation_marks_are_not_apostrophes():
    assert cues.has_quotation_marks('She said "yes".')
    assert cues.has_quotation_marks("She called it ‘productive’.")
    assert cues.has_quotation_marks("She called it 'productive'.")
    assert not cues.has_quotation_marks("The players’ union and the club's owner didn't agree.")


def test_hedge_words_match_whole_words_only():
    assert cues.has_hedge("The vote is expected on Tuesday.")
    assert cues.hedge_words("It may rain; it might not.") == ["may", "might"]
    assert not cues.has_hedge("An unlikely mayoral candidate.")


def test_sentence_split_and_counts():
    text = 'Is it over? "No," said Ada. The end.'
    assert cues.split_sentences(text) == ["Is it over?", '"No," said Ada.', "The end."]
    assert cues.word_count("Don't stop — ever.") == 3
    assert cues.opening("The Mayor of Orvale said") == "the mayor of"
