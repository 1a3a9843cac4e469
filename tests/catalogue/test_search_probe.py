"""When the platform-wide search walks the date index rather than reading the word index
(catalogue/search.py probe_size): the walk reads about wanted × rows ÷ matches rows, the word
index the matches, so the walk is chosen past √(wanted × rows) matches. Values hand-computed;
the 4,000,000-item case is the one the fixed 5,000-match threshold got wrong (bench/
RESULTS.md, branch scale4m: a word in 9,312 items walked 89,231 rows, 445 ms)."""

from gongkai.catalogue.search import MAX_RESULTS, POOL, probe_size


def test_the_probe_counts_up_to_the_square_root_of_wanted_times_rows():
    assert (MAX_RESULTS, POOL) == (200, 5000)  # the figures below are computed with these
    # √(200 × 4,000,000) = √800,000,000 = 28,284.3; √(5,000 × 4,000,000) = 141,421.4
    assert probe_size(MAX_RESULTS, 4_000_000) == 28_284
    assert probe_size(POOL, 4_000_000) == 141_421
    # √(200 × 100,000) = 4,472: never below POOL, the threshold a small site always had
    assert probe_size(MAX_RESULTS, 100_000) == POOL
    # a table never analysed reports -1 rows: POOL
    assert probe_size(MAX_RESULTS, -1) == POOL


def test_a_word_in_nine_thousand_of_four_million_items_reads_the_word_index():
    # newest first: 200 × 4,000,000 ÷ 9,312 = 85,911 rows walked against 9,312 matches read
    assert probe_size(MAX_RESULTS, 4_000_000) > 9_312


def test_a_word_in_a_fortieth_of_the_items_walks_newest_first_but_not_for_relevance():
    matches = 100_000  # 2.5 % of 4,000,000
    # newest first: 200 × 40 = 8,000 rows walked against 100,000 matches: the walk
    assert matches >= probe_size(MAX_RESULTS, 4_000_000)
    # ranked among the newest POOL: 5,000 × 40 = 200,000 rows walked: the word index
    assert matches < probe_size(POOL, 4_000_000)
