from benchmark.data.neardup import NearDuplicateIndex, find_near_duplicates, jaccard, shingles

BASE = (
    "The Orvale council voted on Tuesday to close the Wendle library, which has served the ward since 1962, "
    "and to move its books to the town hall annex."
)


def test_one_word_edit_is_a_near_duplicate_and_a_rewrite_is_not():
    edited = BASE.replace("annex.", "annexe.")  # one shingle of 26 changes
    other = "Ticket sales at the Kestdale stadium fell by a tenth this season, the club's accounts show."
    pairs = find_near_duplicates([BASE, other, edited])
    assert [(p.i, p.j) for p in pairs] == [(0, 2)]
    assert pairs[0].similarity == jaccard(shingles(BASE), shingles(edited))
    assert 0.8 <= pairs[0].similarity < 1.0


def test_query_against_a_reference_index():
    index = NearDuplicateIndex()
    index.add(["Completely unrelated text about trains running late in Thalstow every winter morning.", BASE])
    hits = index.query([BASE.lower(), "Nothing like the others at all, a fresh paragraph about bees and honey."])
    assert [(h.i, h.j) for h in hits] == [(0, 1)]
