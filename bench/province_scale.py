"""Benchmark: the public pages, search and the 工作台 at two province sizes of real text, the
growth between them and a projection to 20 million items (issue 27).

    .venv/bin/python bench/province_scale.py measure --database URL --items N [--reuse]
        [--built GROW.json] [--only WORD …] [--label TEXT] [--out FILE.json]
    .venv/bin/python bench/province_scale.py report SMALL.json LARGE.json [--partitioned P.json]
        [--merged AFTER.json] [--notes NOTES.md] [--branch NAME]
    .venv/bin/python bench/province_scale.py partition --database URL   (pg_partman, see below)
    .venv/bin/python bench/province_scale.py search-plans --database URL --out FILE.json
    .venv/bin/python bench/province_scale.py grow --database URL --times K --out FILE.json

`measure` generates the province with `gongkai generate`'s own row builders and COPY (seed 1,
1,000 agencies, 50,000 applications, 300 matters: only the items grow between sizes), every
item's body real text from the shared sample site (`../shared/samples/site`: paragraphs of
its pages, 80–240 words) and its search words those of the title, 文号 and that body (jieba,
each sample paragraph cut once). The secondary indexes of the item, search and post tables
are dropped for the load and built again after it, as a bulk load of a province would be.
It then measures, each `--runs` times in-process and beside its own statements replayed as
bare SQL as often (bench/staff_pages.py's capture and replay): the portal search newest
first for a common two-character word, 公开, a rare word, two words, a 文号 and an 索引号, and
the four words again by relevance (the search page's other order, `order=relevance`); the
largest agency's listing (first page, a deep numbered page, a keyset page), an item page,
its 标准目录 page, the 工作台 of staff_pages.py's clerk-reviewer-county-administrator and
that staff member's office 标准目录 page (`--only` keeps the pages whose label holds a word;
`--built` names a grown database's `grow` output, read back by `report`; a page whose
request (after the first, which fills caches) is so slow that `--runs` of it and of its
replay would exceed `--budget` seconds is requested fewer times, at least 3, and its row
says how many).
The process is loaded as deployed (bench/common.py `as_deployed`: gongkai.wsgi, whose
gc.freeze keeps start-up's objects out of the collector's way, as under gunicorn), and
Django's cache is cleared before anything is measured: search.py keeps its broad/narrow
answer for a query an hour, and every run travels back to the same day and hour, so an
answer cached by an earlier run on the same database (perhaps at another size) would
otherwise decide the plan instead of the code.
Every SELECT of each page is EXPLAINed (ANALYZE, BUFFERS): the pages they touch in all is the
figure that travels when the machine's load makes milliseconds noise, and the plan of the one
that touched most is kept. Table and index sizes are recorded. `search-plans` EXPLAINs the
search table's statements of each search line alone.

`grow` multiplies a generated province's items by K inside PostgreSQL, for sizes the
generator cannot load in the time (1 M items took 25 min at 1,300–1,600 rows/s under load,
so 4 M would take about 1 h 40 min and 20 M most of a working day):
K − 1 copies of every item with an id shifted past the last (copy c: id + c × the last id),
INSERT … SELECT statement by statement. What a copy changes, so that each stays findable on
its own: its title ends in （续c）; its 索引号 continues its agency's year (serial + c × that
year's last serial, same prefix/year-NNNNN form, still unique; IndexCounter moved on to
match); its 文号, the generator's 〔year〕1–97号, becomes 〔year〕(n + 97c)号; its search
words get the new 文号 number and 续 c. Its channel posts and media adoptions are copied with
it (title suffix, new item id) and its search row is built from its words by the app's own
index_id_range. Secondary indexes are dropped for the copy and built after it; the foreign
keys stay (each row checked as the app's writes are; re-adding them would scan the item
table once per key), then VACUUM ANALYZE.
How a grown province differs from a generated one of that size: the bodies repeat (a copy
has its original's body, so K items share each text and its words); the dates, agencies,
categories, statuses and matters repeat too, so each agency has K× its items on the same
days (the largest agency grows K×, and so does each day's output); the copies lie in the
heap after the originals (a day's items sit in K places of the table, as in a province
loaded in K passes, not in the order they were published); applications, matters and other
tables keep the generated size. `grow` refuses to start, and stops between statements, when
less than --keep-free GB (25) would be left on the disk.

`report` writes the RESULTS.md section: both sizes side by side, the growth factor of each
page's p95 and replay and of each table, and the linear projection of the sizes to 20 M;
`--merged` adds the pages measured again on the larger database after a merge, `--notes` a
markdown file under the tables.

`partition` (pg_partman 4.7, Debian's postgresql-15-partman) turns the database's
catalogue_item into a table range-partitioned by year (of created_at, which the generator
stamps with the publication day), in place, once the unpartitioned database is measured; a
`measure --reuse` after it measures the same pages partitioned. The decision is in RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from html import escape
from pathlib import Path

from common import as_deployed, machine, percentile, publications_timed, timed, write_results
from staff_pages import SAMPLE, TODAY, captured, replay, sizes, staff_user

PROVINCE = 20_000_000
TARGET_MS = 100
LOADED_TABLES = ("catalogue_item", "catalogue_item_search", "catalogue_channelpost")


def sample_words() -> list[tuple[str, str]]:
    """(escaped sentence, its jieba words) for each sentence of the sample's bodies."""
    from gongkai.catalogue.search import words

    found = []
    for page in sorted(SAMPLE.rglob("page.txt")):
        text = page.read_text(encoding="utf-8", errors="replace").split("正文 ====", 1)[-1]
        for sentence in re.split(r"(?<=[。；！？])", re.sub(r"\s+", "", text)):
            if len(sentence) >= 20:
                found.append((escape(sentence), " ".join(words(sentence))))
    return found


def use_real_text_and_words(sentences) -> None:
    """Wrap `gongkai generate`'s item row builder: a real-text body, and its words searchable
    (staff_pages.use_real_text changes the body only)."""
    from gongkai.synthetic import catalogue_rows

    body = catalogue_rows.ITEM_COLUMNS.index("body")
    terms = catalogue_rows.ITEM_COLUMNS.index("search_terms")
    original = catalogue_rows.ItemRows._row

    def _row(self, index, total):
        row = list(original(self, index, total))
        rng = random.Random(index)
        size, parts, length = rng.randint(80, 240), [], 0
        while length < size * 2:  # ~2 characters a word in Chinese text
            part = sentences[rng.randrange(len(sentences))]
            parts.append(part)
            length += len(part[0])
        row[body] = "".join(f"<p>{text}</p>" for text, _ in parts)
        if row[terms]:  # published items only are indexed
            row[terms] = " ".join([row[terms], *(words for _, words in parts)])
        return tuple(row)

    catalogue_rows.ItemRows._row = _row


def secondary_indexes(cursor) -> list[str]:
    """CREATE statements of the loaded tables' indexes that back no constraint."""
    cursor.execute(
        "SELECT indexdef FROM pg_indexes i WHERE tablename = ANY(%s) AND NOT EXISTS ("
        " SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [list(LOADED_TABLES)],
    )
    return [row[0] for row in cursor.fetchall()]


def index_name(create: str) -> str:
    return re.match(r"CREATE (?:UNIQUE )?INDEX (\S+)", create).group(1)


def generate(args) -> dict:
    from django.core.management import call_command
    from django.db import connection

    sentences = sample_words()
    use_real_text_and_words(sentences)
    with connection.cursor() as cursor:
        rebuild = secondary_indexes(cursor)
        for sql in rebuild:
            cursor.execute(f"DROP INDEX {index_name(sql)}")
    begin = time.perf_counter()
    call_command(
        "generate", agencies=1000, items=args.items, applications=50_000, matters=300, seed=1,
        quiet=True, as_of=TODAY.isoformat(),
    )  # fmt: skip
    loaded = time.perf_counter() - begin
    begin = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for sql in rebuild:
            cursor.execute(sql)
    indexed = time.perf_counter() - begin
    connection.cursor().execute("VACUUM ANALYZE")  # as autovacuum would after a load
    return {"sentences": len(sentences), "load_s": loaded, "index_s": indexed}


def columns(cursor, table: str) -> list[str]:
    cursor.execute(
        # a generated column (catalogue_item.text_digest) is computed by the copy's INSERT
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def free_gb() -> float:
    """Free space on the disk of this checkout, taken to be PostgreSQL's too."""
    return shutil.disk_usage(Path(__file__).resolve().parent).free / 2**30


CHUNK = 200_000  # original ids a statement copies: progress to watch, transactions of ~1 GB


def grow(args) -> None:
    """Copies of the province's items with new ids, 索引号, 文号 and titles, their posts,
    media adoptions and search rows alongside (see the module's docstring)."""
    os.environ.update(GONGKAI_VAR_DIR=tempfile.mkdtemp(), DATABASE_URL=args.database)
    os.environ.update(DJANGO_SETTINGS_MODULE="gongkai.settings", GONGKAI_DEMO="1")
    import django

    django.setup()
    from django.db import connection

    from gongkai.catalogue.search import index_id_range

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), max(id) FROM catalogue_item")
        items, last = cursor.fetchone()
        cursor.execute("SELECT pg_database_size(current_database())")
        needed = cursor.fetchone()[0] * (args.times - 1) / 2**30
        if free_gb() - needed < args.keep_free:
            sys.exit(f"{needed:.0f} GB more would leave {free_gb() - needed:.0f} GB free")
        rebuild = secondary_indexes(cursor)
        for sql in rebuild:
            cursor.execute(f"DROP INDEX {index_name(sql)}")
        # each 索引号 continues its agency's year (prefix/year-serial): copy c numbers from
        # serial + c × the year's last serial, as IndexCounter will after it
        cursor.execute(
            "CREATE TEMPORARY TABLE last_serial AS SELECT split_part(index_number, '-', 1) head,"
            " max(split_part(index_number, '-', 2)::int) n FROM catalogue_item "
            "WHERE index_number IS NOT NULL GROUP BY 1"
        )
        cursor.execute("CREATE UNIQUE INDEX ON last_serial (head)")
        item_columns = columns(cursor, "catalogue_item")
        post_columns = [c for c in columns(cursor, "catalogue_channelpost") if c != "id"]
        media_columns = [c for c in columns(cursor, "catalogue_mediaadoption") if c != "id"]
    suffix = "'（续' || {c} || '）'"
    changed = {
        "id": "i.id + {shift}",
        "title": "i.title || " + suffix,
        # the generator's 文号 are 〔year〕1–97号: copy c's are 〔year〕(n + 97c)号
        "document_number": "CASE WHEN i.document_number = '' THEN '' ELSE regexp_replace("
        "i.document_number, '〕\\d+号$', '〕' || (substring(i.document_number FROM "
        "'〕(\\d+)号$')::int + 97 * {c}) || '号') END",
        "index_number": "CASE WHEN i.index_number IS NULL THEN NULL ELSE s.head || '-' || "
        "lpad((split_part(i.index_number, '-', 2)::int + {c} * s.n)::text, 5, '0') END",
        # the title's and 文号's words: the generator puts the 文号's last words and its own
        # filler before the body's words
        "search_terms": "CASE WHEN i.search_terms = '' THEN '' WHEN i.document_number = '' "
        "THEN regexp_replace(i.search_terms, ' 本期 工作 情况 如下', ' 续 {c} 本期 工作 情况 如下')"
        " ELSE regexp_replace(i.search_terms, ' \\d+ 号 本期 工作 情况 如下', ' ' || "
        "(substring(i.document_number FROM '〕(\\d+)号$')::int + 97 * {c}) || ' 号 续 {c} 本期 "
        "工作 情况 如下') END",
    }
    select = ", ".join(changed.get(c, f"i.{c}") for c in item_columns)
    copy_item = (
        f"INSERT INTO catalogue_item ({', '.join(item_columns)}) SELECT {select} "
        "FROM catalogue_item i LEFT JOIN last_serial s "
        "ON s.head = split_part(i.index_number, '-', 1) WHERE i.id BETWEEN %s AND %s"
    )
    copy_related = {
        table: f"INSERT INTO {table} ({', '.join(cols)}) SELECT "
        + ", ".join(
            {"item_id": "p.item_id + {shift}", "title": "p.title || " + suffix}.get(c, f"p.{c}")
            for c in cols
        )
        + f" FROM {table} p WHERE p.item_id BETWEEN %s AND %s"
        for table, cols in (
            ("catalogue_channelpost", post_columns),
            ("catalogue_mediaadoption", media_columns),
        )
    }
    copied = time.perf_counter()
    for c in range(1, args.times):
        shift = c * last
        for first in range(1, last + 1, CHUNK):
            bounds = [first, min(last, first + CHUNK - 1)]
            with connection.cursor() as cursor:
                cursor.execute(copy_item.format(c=c, shift=shift), bounds)
                for sql in copy_related.values():
                    cursor.execute(sql.format(c=c, shift=shift), bounds)
            index_id_range(bounds[0] + shift, bounds[1] + shift)
            if free_gb() < args.keep_free:
                sys.exit(f"stopped: {free_gb():.0f} GB free (indexes not rebuilt)")
            print(
                f"copy {c}: ids to {bounds[1]:,} of {last:,}, "
                f"{time.perf_counter() - copied:.0f} s, {free_gb():.0f} GB free",
                flush=True,
            )
    copied = time.perf_counter() - copied
    indexed = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE catalogue_indexcounter SET last_serial = last_serial * %s", [args.times]
        )
        for table in ("catalogue_item", "catalogue_channelpost", "catalogue_mediaadoption"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) "
                f"FROM {table}))"
            )
        cursor.execute(f"SET maintenance_work_mem = '{args.memory}'")
        for sql in rebuild:
            begin = time.perf_counter()
            cursor.execute(sql)
            print(f"{index_name(sql)}: {time.perf_counter() - begin:.0f} s", flush=True)
    indexed = time.perf_counter() - indexed
    vacuumed = time.perf_counter()
    connection.cursor().execute("VACUUM ANALYZE")  # as autovacuum would after a load
    vacuumed = time.perf_counter() - vacuumed
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalogue_item")
        now = cursor.fetchone()[0]
    done = {
        "grown_from": items, "times": args.times, "items": now, "copy_s": copied,
        "index_s": indexed, "vacuum_s": vacuumed, "total_s": time.perf_counter() - started,
        "free_gb": free_gb(), "load": os.getloadavg(),
    }  # fmt: skip
    Path(args.out).write_text(json.dumps(done, ensure_ascii=False, indent=1))
    print(json.dumps(done, ensure_ascii=False, indent=1))


FILLER = {"本期", "工作", "情况", "如下"}  # the generator's own words, in every row


def queries(cursor) -> list[tuple[str, str]]:
    """(label, query) for the search lines, chosen from the rows there: the real text's most
    common two-character words and one found in about one row in a thousand."""
    cursor.execute(
        "SELECT search_terms FROM catalogue_item WHERE status = 'published' ORDER BY id LIMIT 3000"
    )
    counted = Counter(w for (t,) in cursor.fetchall() for w in set(t.split()) - FILLER)
    two = [w for w, _ in counted.most_common() if len(w) == 2 and not w.isascii()]
    # the real text is 940-odd sentences drawn again and again: its rarest word is still in
    # some hundredths of the rows (a rarer one is the 文号's and 索引号's lines)
    rare = min(
        (n, w) for w, n in counted.items() if len(w) >= 2 and not w.isascii() and "〔" not in w
    )[1]
    cursor.execute(
        "SELECT document_number FROM catalogue_item WHERE document_number <> '' "
        "AND status = 'published' ORDER BY id DESC LIMIT 1"
    )
    number = cursor.fetchone()[0]
    cursor.execute(
        "SELECT index_number FROM catalogue_item WHERE status = 'published' "
        "ORDER BY id LIMIT 1 OFFSET 1000"
    )
    index_number = cursor.fetchone()[0]
    common = two[0] if two[0] != "公开" else two[1]
    share = counted[common] / 3000
    return [
        (
            f"search: a common two-character word ({common}, {share:.0%} of items), newest first",
            common,
        ),
        (f"search: 公开 ({counted['公开'] / 3000:.0%}), newest first", "公开"),
        (f"search: a rare word ({rare}, {counted[rare] / 3000:.1%})", rare),
        (f"search: two words ({two[2]} {two[5]})", f"{two[2]} {two[5]}"),
        (f"search: a 文号 ({number})", number),
        (f"search: an 索引号 ({index_number})", index_number),
    ]


def plans(statements) -> tuple[int, float, str, str]:
    """Every SELECT of the page EXPLAINed (ANALYZE, BUFFERS): (pages the page's statements
    touched in all — hit + read, the figure that does not depend on the machine's load —,
    then the ms, text and plan of the statement that touched most)."""
    from django.db import DatabaseError, connection, transaction

    total, heaviest = 0, (-1, 0.0, "", "")
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            if sql.startswith("DECLARE"):
                sql = sql.split(" FOR ", 1)[1]
            if sql.startswith("SET LOCAL"):  # the plan the page chose for itself (search)
                cursor.execute(sql)
            # a union of querysets (the 工作台's item_dates) starts with its first "(SELECT"
            if not sql.lstrip("(").startswith(("SELECT", "WITH")):
                continue
            try:
                with transaction.atomic():
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql.replace("%", "%%"))
                    plan = "\n".join(r[0] for r in cursor.fetchall())
            except DatabaseError:
                continue
            touched = pages_read(plan)
            total += touched
            if touched > heaviest[0]:
                took = re.search(r"Execution Time: ([\d.]+)", plan)
                heaviest = (touched, float(took.group(1)) if took else 0.0, sql, plan)
        transaction.set_rollback(True)
    return total, *heaviest[1:]


def index_sizes() -> list[tuple[str, str, int]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.relname, c.relname, pg_relation_size(c.oid) FROM pg_index x "
            "JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "WHERE t.relname = ANY(%s) ORDER BY 1, 3 DESC",
            [list(LOADED_TABLES)],
        )
        return cursor.fetchall()


def measure(args) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if True:  # a fresh database (created empty) or one an earlier run left
            os.environ.update(GONGKAI_VAR_DIR=folder, DATABASE_URL=args.database)
            os.environ.update(DJANGO_SETTINGS_MODULE="gongkai.settings", GONGKAI_DEMO="1")
            os.environ["ALLOWED_HOSTS"] = "testserver"
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
            as_deployed()
            built = {} if args.reuse else generate(args)
            if args.built:  # the grown database's copy, indexes and vacuum
                built = json.loads(Path(args.built).read_text())
        import time_machine
        from django.core.cache import cache
        from django.db import connection
        from django.db.models import Count
        from django.test import Client

        # an earlier run's answers (search's broad/narrow choice) are fresh at the bench's
        # clock: the pages must decide for themselves, as on a first visit
        cache.clear()
        # the late items as the nightly `gongkai time-publications` leaves them (the 工作台)
        late_timed = publications_timed(TODAY)
        print(f"time-publications: {late_timed[0]:,} items in {late_timed[1]:.1f} s", flush=True)

        from gongkai.applications.models import Application, Status
        from gongkai.catalogue.models import Item, ItemStatus
        from gongkai.core.models import Agency

        busiest = (
            Application.objects.filter(status__in=(Status.OPEN, Status.AWAITING_CONFIRMATION))
            .values("agency_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        staff_agency = Agency.objects.get(pk=busiest["agency_id"])
        staff = staff_user(staff_agency, staff_agency.parent or staff_agency)
        largest = (
            Item.objects.filter(status=ItemStatus.PUBLISHED)
            .values("agency_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        agency = Agency.objects.get(pk=largest["agency_id"])
        published = Item.objects.filter(agency=agency, status=ItemStatus.PUBLISHED)
        item = published.order_by("-published_on", "-pk").first()
        middle = published.order_by("-published_on", "-pk")[largest["n"] // 2]
        with connection.cursor() as cursor:
            searches = queries(cursor)
        prefix = agency.index_prefix
        deep = min(100_000, largest["n"] // 20 // 2)
        pages = [(label, f"/search/?q={q}", None) for label, q in searches]
        # the same words again by relevance (the search page's other order, `order=relevance`)
        pages[4:4] = [
            (
                label.replace("search: ", "search by relevance: ").removesuffix(", newest first"),
                f"/search/?q={q}&order=relevance",
                None,
            )
            for label, q in searches[:4]
        ]
        pages += [
            ("the largest agency's listing, first page", f"/agency/{prefix}/items/", None),
            (f"its listing, page {deep} (OFFSET)", f"/agency/{prefix}/items/?page={deep}", None),
            (
                "its listing, a keyset page halfway (下一页)",
                f"/agency/{prefix}/items/?before={middle.published_on}_{middle.pk}",
                None,
            ),
            ("an item page", f"/item/{item.pk}/", None),
            ("its 标准目录 page", f"/agency/{prefix}/standards/", None),
            ("工作台 (clerk and reviewer, county administrator)", "/office/", staff),
            ("the office 标准目录 page (the 工作台's staff)", "/office/standards/", staff),
        ]
        if args.only:
            pages = [page for page in pages if any(word in page[0] for word in args.only)]
        rows, load_start = [], os.getloadavg()
        with time_machine.travel(TODAY, tick=True):
            for label, url, who in pages:
                visitor = Client()
                if who:
                    visitor.force_login(who)
                statements = captured(visitor, url)
                start = time.perf_counter()  # a later visit (the first fills caches: 工作台)
                visitor.get(url)
                each = time.perf_counter() - start
                runs = args.runs
                if each * runs * 2 > args.budget:  # the page and its replay, each `runs` times
                    runs = max(3, int(args.budget / (each * 2)))
                page = timed(lambda _, v=visitor, u=url: v.get(u), runs)
                bare = timed(lambda _, s=statements: replay(s), runs)
                touched, worst_ms, worst_sql, plan = plans(statements)
                rows.append(
                    {
                        "label": label, "url": url, "statements": len(statements),
                        "p50": percentile(page, 0.5) * 1000, "p95": percentile(page, 0.95) * 1000,
                        "sql50": percentile(bare, 0.5) * 1000,
                        "sql95": percentile(bare, 0.95) * 1000,
                        "pages": touched, "worst_ms": worst_ms, "worst_sql": worst_sql,
                        "plan": plan, "load": os.getloadavg()[0], "runs": runs,
                    }
                )  # fmt: skip
                print(
                    f"{label}: {rows[-1]['p95']:.1f} / SQL {rows[-1]['sql95']:.1f} ms", flush=True
                )
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM catalogue_item")
            (items,) = cursor.fetchone()
            cursor.execute("SELECT pg_database_size(current_database())")
            (database_size,) = cursor.fetchone()
        result = {
            "label": args.label or f"{items:,} items",
            "items": items,
            "agency_items": largest["n"],
            "agency": agency.name,
            "built": built,
            "late_timed": late_timed,
            "load_start": load_start,
            "load": os.getloadavg(),
            "runs": args.runs,
            "rows": rows,
            "tables": sizes(),
            "indexes": index_sizes(),
            "database": database_size,
            "machine": machine(),
        }
    out = args.out or os.path.join(tempfile.gettempdir(), f"province_scale_{items}.json")
    with open(out, "w") as handle:
        json.dump(result, handle, ensure_ascii=False, indent=1)
    print(f"written {out}")


def search_plans(args) -> None:
    """The search table's statements of each search line alone, EXPLAINed under the settings
    the search chose (pages read do not depend on the load, nor on the item table's layout)."""
    os.environ.update(GONGKAI_VAR_DIR=tempfile.mkdtemp(), DATABASE_URL=args.database)
    os.environ.update(DJANGO_SETTINGS_MODULE="gongkai.settings", GONGKAI_DEMO="1")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.catalogue.search import NEWEST, search

    with connection.cursor() as cursor:
        lines = queries(cursor)
    found = {}
    for label, query in lines:
        with CaptureQueriesContext(connection) as context:
            search(query, order=NEWEST)
        statements = [q["sql"] for q in context.captured_queries]
        chosen = [sql for sql in statements if sql.startswith("SET LOCAL") or "item_search" in sql]
        touched, ms, sql, plan = plans(chosen)
        found[label] = {"pages": touched, "ms": ms, "sql": sql, "plan": plan}
        print(f"{label}: {touched:,} pages, {ms:.1f} ms")
    Path(args.out).write_text(json.dumps(found, ensure_ascii=False, indent=1))


def partition(args) -> None:
    """catalogue_item → range-partitioned by year, in place, by pg_partman (4.7: native
    partitioning, yearly children and a default one). pg_partman wants a NOT NULL control
    column and published_on is NULL for drafts, so the key is created_at (the generator
    stamps it with the publication day, so the years are the publication years). The primary
    key becomes (id, created_at); the foreign keys that point at the item are dropped
    (a foreign key must point at a unique constraint, and every unique constraint of a
    partitioned table must hold the partition key), and so are the unique constraints
    without it. The extension itself is created by the caller as a superuser:
    `CREATE SCHEMA partman; CREATE EXTENSION pg_partman SCHEMA partman`."""
    import psycopg

    # one transaction: a failure leaves the table as it was
    with psycopg.connect(args.database) as connection, connection.transaction():
        run = connection.execute
        started = time.perf_counter()
        foreign = run(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint "
            "WHERE confrelid = 'catalogue_item'::regclass"
        ).fetchall()
        for table, name in foreign:
            run(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        indexes = [
            r[0]
            for r in run(
                "SELECT indexdef FROM pg_indexes i WHERE tablename = 'catalogue_item' AND NOT "
                "EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
            ).fetchall()
        ]
        uniques = run(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'catalogue_item'::regclass AND contype = 'u'"
        ).fetchall()
        run("ALTER TABLE catalogue_item RENAME TO catalogue_item_plain")
        for sql in indexes:  # the names are reused on the partitioned table
            run(f"DROP INDEX {index_name(sql)}")
        run(
            "CREATE TABLE catalogue_item (LIKE catalogue_item_plain INCLUDING DEFAULTS "
            "INCLUDING CONSTRAINTS) PARTITION BY RANGE (created_at)"
        )
        run("ALTER TABLE catalogue_item ADD PRIMARY KEY (id, created_at)")
        first = run("SELECT min(created_at) FROM catalogue_item_plain").fetchone()[0]
        run(
            "SELECT partman.create_parent('public.catalogue_item', 'created_at', 'native', "
            "'yearly', p_start_partition := %s, p_premake := 1)",
            [f"{first.year}-01-01"],
        )
        copied = time.perf_counter()
        run("INSERT INTO catalogue_item SELECT * FROM catalogue_item_plain")
        copied = time.perf_counter() - copied
        kept, lost = [], [f"{name} {definition}" for name, definition in uniques]
        for name, definition in uniques:  # its look-ups keep an index, not its uniqueness
            columns = definition.removeprefix("UNIQUE ")
            run(f"CREATE INDEX {name.removesuffix('_key')}_lookup ON catalogue_item {columns}")
        for sql in indexes:
            if sql.startswith("CREATE UNIQUE") and "created_at" not in sql:
                lost.append(sql)
                sql = sql.replace("CREATE UNIQUE INDEX", "CREATE INDEX", 1)
            run(sql.replace(" ON public.catalogue_item USING ", " ON catalogue_item USING "))
            kept.append(sql)
        run("DROP TABLE catalogue_item_plain")
        run("ANALYZE catalogue_item")
        parts = run(
            "SELECT count(*) FROM pg_inherits WHERE inhparent = 'catalogue_item'::regclass"
        ).fetchone()[0]
    done = {
        "partition_s": time.perf_counter() - started,
        "copy_s": copied,
        "partitions": parts,
        "foreign_keys_dropped": [f"{t}.{n}" for t, n in foreign],
        "unique_lost": lost,
    }
    Path(args.out).write_text(json.dumps(done, ensure_ascii=False, indent=1))
    print(json.dumps(done, ensure_ascii=False, indent=1))


def pages_read(plan: str) -> int:
    """Buffers the statement touched (its plan's top node: hit + read), the figure that does
    not depend on the machine's load."""
    found = re.search(r"Buffers: shared((?: \w+=\d+)+)", plan)
    if not found:
        return 0
    counts = dict(part.split("=") for part in found.group(1).split())
    return int(counts.get("hit", 0)) + int(counts.get("read", 0))


def fmt(ms: float) -> str:
    return f"{ms:,.1f}"


def report(args) -> None:
    small, large, split = (
        json.loads(Path(p).read_text()) if p else None
        for p in (args.small, args.large, args.partitioned)
    )
    factor = large["items"] / small["items"]

    def made(run: dict) -> str:
        built = run["built"]
        if "times" in built:
            return (
                f"{run['label']} grown ×{built['times']} from {built['grown_from']:,} "
                f"(`grow`: copy {built['copy_s']:.0f} s, indexes {built['index_s']:.0f} s,"
                f" VACUUM ANALYZE {built['vacuum_s']:.0f} s)"
            )
        return (
            f"{run['label']} generated ({built.get('load_s', 0):.0f} s + "
            f"{built.get('index_s', 0):.0f} s of indexes)"
        )

    def loads(run: dict) -> str:
        start = run.get("load_start")
        return f"{start[0]:.1f} → {run['load'][0]:.1f}" if start else f"{run['load'][0]:.1f}"

    # a grown database's `built` is grow's output, which does not know how many sentences the
    # generator drew from (the report printed "?" when both sizes were grown)
    sentences = small["built"].get("sentences") or large["built"].get("sentences")
    text = f"{sentences} sample sentences" if sentences else "sentences of the shared sample site"
    lines = [
        f"Machine: {large['machine']}, PostgreSQL 15.18 with its default settings (shared_buffers "
        "128 MB, work_mem 4 MB), shared with other sessions' tests and benchmarks (load average "
        f"at the start → end of each run: {small['label']} {loads(small)}, {large['label']} "
        f"{loads(large)}; times are upper bounds, the ratio to the SQL replayed in the same run "
        "and the pages read travel). `bench/province_scale.py`: `gongkai generate` (seed 1, as "
        f"of {TODAY}) with 1,000 agencies, 50,000 applications and 300 matters at both sizes, "
        f"every item's body real text ({text}, "
        "80–240 words) and searchable, secondary indexes dropped for the load and built after: "
        f"{made(small)}; {made(large)}. The largest agency holds {small['agency_items']:,} and "
        f"{large['agency_items']:,} published items. {large['runs']} requests a page in-process, "
        "then its statements replayed as bare SQL as often.",
        "",
        f"| page | statements | {small['label']}: p50 / p95 | its SQL p50 / p95 | "
        f"{large['label']}: p50 / p95 | its SQL p50 / p95 | p95 growth (items ×{factor:.1f}) "
        "| pages its statements read (hit + read), growth | < 100 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for a, b in zip(small["rows"], large["rows"], strict=True):
        ok = "met" if b["p95"] < TARGET_MS else "**missed**"
        pa, pb = a.get("pages", 0), b.get("pages", 0)
        lines.append(
            f"| {b['label']} | {b['statements']} | {fmt(a['p50'])} / {fmt(a['p95'])} ms | "
            f"{fmt(a['sql50'])} / {fmt(a['sql95'])} ms | {fmt(b['p50'])} / {fmt(b['p95'])} ms | "
            f"{fmt(b['sql50'])} / {fmt(b['sql95'])} ms | {b['p95'] / a['p95']:.2f}× "
            f"(SQL {b['sql95'] / a['sql95']:.2f}×) | {pa:,} → {pb:,} "
            f"({pb / pa if pa else 0:.1f}×) | {ok} |"
        )
    for run in (small, large):
        if all("load" in row for row in run["rows"]):
            lines += [
                "",
                f"Load average (1 min) after each page above, {run['label']}: "
                + ", ".join(f"{row['load']:.1f}" for row in run["rows"])
                + ".",
            ]
    lines += [
        "",
        f"| table | {small['label']}: table / indexes | {large['label']}: table / indexes | "
        f"growth | projected to {PROVINCE / 1e6:.0f} M items (linear in items) |",
        "|---|---:|---:|---:|---:|",
    ]
    before = {name: (t, i) for name, t, i in small["tables"]}
    for name, t, i in large["tables"]:
        t0, i0 = before.get(name, (0, 0))
        grow = (t + i) / (t0 + i0) if t0 + i0 else 0
        per = ((t + i) - (t0 + i0)) / (large["items"] - small["items"])
        projected = (t + i) + per * (PROVINCE - large["items"])
        lines.append(
            f"| {name} | {t0 / 2**20:,.0f} / {i0 / 2**20:,.0f} MB | {t / 2**20:,.0f} / "
            f"{i / 2**20:,.0f} MB | {grow:.2f}× | {projected / 2**30:,.1f} GB |"
        )
    d0, d1 = small["database"], large["database"]
    per = (d1 - d0) / (large["items"] - small["items"])
    lines += [
        f"| whole database | {d0 / 2**30:,.2f} GB | {d1 / 2**30:,.2f} GB | {d1 / d0:.2f}× | "
        f"{(d1 + per * (PROVINCE - large['items'])) / 2**30:,.1f} GB |",
        "",
        f"Indexes of the loaded tables ({small['label']} → {large['label']}):",
        "",
        "| table | index | size | growth |",
        "|---|---|---:|---:|",
    ]
    before = {(t, n): s for t, n, s in small["indexes"]}
    for table, name, size in large["indexes"]:
        s0 = before.get((table, name)) or 0
        lines.append(
            f"| {table} | {name} | {s0 / 2**20:,.0f} → {size / 2**20:,.0f} MB | "
            f"{size / s0 if s0 else 0:.2f}× |"
        )
    if split:
        lines += [
            "",
            f"Partitioned by year of publication (pg_partman), {split['label']}, the same pages:",
            "",
            "| page | unpartitioned p50 / p95 | its SQL p95 | partitioned p50 / p95 "
            "| its SQL p95 |",
            "|---|---:|---:|---:|---:|",
        ]
        for a, b in zip(small["rows"], split["rows"], strict=True):
            lines.append(
                f"| {a['label']} | {fmt(a['p50'])} / {fmt(a['p95'])} ms | {fmt(a['sql95'])} ms | "
                f"{fmt(b['p50'])} / {fmt(b['p95'])} ms | {fmt(b['sql95'])} ms |"
            )
    slowest = max(large["rows"], key=lambda r: r["p95"])
    lines += [
        "",
        f"EXPLAIN of the statement of “{slowest['label']}” (the slowest page) that read most, "
        f"at {large['label']} ({slowest['worst_ms']:.1f} ms once):",
        "",
        "```",
        slowest["worst_sql"][:300] + " …",
        *(line[:160] for line in slowest["plan"].splitlines()),
        "```",
    ]
    if args.merged:
        merged = json.loads(Path(args.merged).read_text())
        lines += [
            "",
            f"After `git merge main` ({merged['label']}), the same database, {merged['runs']} "
            f"requests a page (load average {loads(merged)}):",
            "",
            "| page | before: p50 / p95 | its SQL p95 | pages read | after: p50 / p95 "
            "| its SQL p95 | pages read | < 100 ms |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        before = {row["label"]: row for row in large["rows"]}
        for b in merged["rows"]:
            a = before.get(b["label"])
            then = (
                f"{fmt(a['p50'])} / {fmt(a['p95'])} ms | {fmt(a['sql95'])} ms | {a['pages']:,}"
                if a
                else "not measured | | "
            )
            lines.append(
                f"| {b['label']} | {then} | {fmt(b['p50'])} / {fmt(b['p95'])} ms "
                f"| {fmt(b['sql95'])} ms "
                f"| {b['pages']:,} | {'met' if b['p95'] < TARGET_MS else '**missed**'} |"
            )
    if args.notes:
        lines += ["", *Path(args.notes).read_text().rstrip().splitlines()]
    branch = f", branch {args.branch}" if args.branch else ""
    heading = (
        f"## province scale: {small['label']} and {large['label']} (postgresql, real text{branch})"
    )
    write_results(heading, lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("measure")
    one.add_argument("--database", required=True)
    one.add_argument("--items", type=int, default=500_000)
    one.add_argument("--runs", type=int, default=20)
    one.add_argument("--budget", type=float, default=600.0, help="seconds a page may take")
    one.add_argument("--reuse", action="store_true")
    one.add_argument("--label", default="")
    one.add_argument("--out", default="")
    one.add_argument("--built", default="", help="grow's JSON, for a grown database")
    one.add_argument("--only", nargs="*", default=[], help="pages whose label holds one")
    five = commands.add_parser("grow")
    five.add_argument("--database", required=True)
    five.add_argument("--times", type=int, required=True, help="items × this (copies + 1)")
    five.add_argument("--keep-free", type=float, default=25.0, help="GB left on the disk")
    five.add_argument("--memory", default="1GB", help="maintenance_work_mem of the rebuild")
    five.add_argument("--out", required=True)
    two = commands.add_parser("report")
    two.add_argument("small")
    two.add_argument("large")
    two.add_argument("--partitioned", default="")
    two.add_argument("--merged", default="", help="measure --only's JSON after a merge")
    two.add_argument("--notes", default="", help="markdown put under the tables")
    two.add_argument("--branch", default="", help="named in the heading")
    three = commands.add_parser("partition")
    three.add_argument("--database", required=True)
    three.add_argument(
        "--out", default=os.path.join(tempfile.gettempdir(), "province_scale_partitioned.json")
    )
    four = commands.add_parser("search-plans")
    four.add_argument("--database", required=True)
    four.add_argument("--out", required=True)
    args = parser.parse_args()
    commands = {"measure": measure, "report": report, "partition": partition}
    commands["search-plans"] = search_plans
    commands["grow"] = grow
    commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
