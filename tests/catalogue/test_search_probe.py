"""When the platform-wide search walks the date index rather than reading the word index
(catalogue/search.py walks_by_date): with `share` of the newest rows matching, the walk reads
about wanted ÷ share rows and the word index about share × rows, so the walk is chosen once
share² × rows > wanted. Values hand-computed; the 4,000,000-item cases are those of bench/
RESULTS.md (branches scale4m and scale4m2): a word in 9,312 items, which a fixed 5,000-match
threshold sent walking 89,231 rows (445 ms), and a word in about a third of the items."""

from gongkai.catalogue.search import MAX_RESULTS, POOL, walks_by_date

PROVINCE = 4_000_000


def test_the_figures_below_are_for_these_amounts():
    assert (MAX_RESULTS, POOL) == (200, 1000)


def test_a_word_in_nine_thousand_of_four_million_items_reads_the_word_index():
    share = 9_312 / PROVINCE  # 0.00233: 200 ÷ 0.00233 = 85,911 rows walked against 9,312 read
    assert not walks_by_date(share, MAX_RESULTS, PROVINCE)
    assert not walks_by_date(share, POOL, PROVINCE)  # 429,553 rows walked for relevance


def test_a_word_in_a_third_of_the_items_walks_newest_first():
    share = 1 / 3  # 600 rows walked against 1,333,333 read
    assert walks_by_date(share, MAX_RESULTS, PROVINCE)
    assert walks_by_date(share, POOL, PROVINCE)  # 3,000 rows against 1,333,333


def test_a_word_in_a_fortieth_walks_newest_first_and_for_relevance():
    share = 1 / 40  # newest first: 8,000 rows walked against 100,000 read — the walk
    assert walks_by_date(share, MAX_RESULTS, PROVINCE)
    # ranked among the newest POOL: 40,000 rows walked against 100,000 — the walk too
    assert walks_by_date(share, POOL, PROVINCE)


def test_a_word_in_a_hundredth_walks_newest_first_but_not_for_relevance():
    share = 1 / 100  # newest first: 20,000 rows walked against 40,000 read — the walk
    assert walks_by_date(share, MAX_RESULTS, PROVINCE)
    # ranked among the newest POOL: 100,000 rows walked against 40,000 — the word index
    assert not walks_by_date(share, POOL, PROVINCE)


def test_at_the_threshold_both_read_the_same():
    # share² × rows = wanted: √(200 ÷ 4,000,000) = 0.00707, 28,284 rows either way
    share = (MAX_RESULTS / PROVINCE) ** 0.5
    assert not walks_by_date(share * 0.99, MAX_RESULTS, PROVINCE)
    assert walks_by_date(share * 1.01, MAX_RESULTS, PROVINCE)
