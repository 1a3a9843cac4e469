import random
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gongkai.core.progress import Progress

BATCH = 10_000


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无法识别，应写作 2026-11-27") from None


class Command(BaseCommand):
    help = "生成一个虚构的省（机构、政府信息、申请），用于性能测试；同一种子生成同样的数据"

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=1000, help="机构数（默认 1000）")
        parser.add_argument("--items", type=int, default=100_000, help="政府信息条数")
        parser.add_argument("--applications", type=int, default=100_000, help="申请件数")
        parser.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
        parser.add_argument("--province", default="模拟省", help="省名（默认“模拟省”）")
        parser.add_argument(
            "--as-of",
            default="2026-11-27",
            help="数据截止日期（默认 2026-11-27），之后的事尚未发生",
        )
        parser.add_argument("--quiet", action="store_true", help="不显示进度条")

    def handle(self, *args, agencies, items, applications, seed, province, as_of, quiet, **options):
        from gongkai.core.models import Agency
        from gongkai.synthetic.province import MAX_AGENCIES, NameTaken

        as_of = _date(as_of)
        if not 1 <= agencies <= MAX_AGENCIES:
            raise CommandError(f"机构数须在 1 到 {MAX_AGENCIES:,} 之间")
        if items < 0 or applications < 0:
            raise CommandError("政府信息条数和申请件数不能为负数")
        if not date(2021, 1, 1) < as_of <= date(2099, 12, 31):
            raise CommandError("截止日期须在 2021 年之后")
        if Agency.objects.filter(name=f"{province}人民政府").exists():
            raise CommandError(
                f"数据库中已有“{province}人民政府”。请在空数据库上运行，或用 --province 另取省名"
            )
        started = time.perf_counter()
        try:
            with transaction.atomic():  # all or nothing: an interrupted run leaves no trace
                rows = generate(
                province=province, agencies=agencies, items=items,
                    applications=applications, seed=seed, as_of=as_of, quiet=quiet,
                )  # fmt: skip
        except NameTaken as error:
            raise CommandError(str(error)) from None
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"已生成“{province}”：{rows['agencies']:,} 个机构、{rows['items']:,} 条政府信息、"
            f"{rows['applications']:,} 件申请，共写入 {rows['total']:,} 行，用时 {seconds:.1f} 秒"
            f"（{rows['total'] / max(seconds, 1e-9):,.0f} 行/秒）"
        )


def generate(*, province, agencies, items, applications, seed, as_of, quiet) -> dict:
    import io

    from gongkai.catalogue.models import IndexCounter
    from gongkai.catalogue.search import index_id_range
    from gongkai.core.calendar import current_calendar
    from gongkai.core.crypto import encrypt, lookup_digest
    from gongkai.synthetic import writer
    from gongkai.synthetic.application_rows import (
        APPEAL_COLUMNS,
        APPLICATION_COLUMNS,
        EVENT_COLUMNS,
        ApplicationRows,
        synthetic_identities,
    )
    from gongkai.synthetic.catalogue_rows import ITEM_COLUMNS, MEDIA_COLUMNS, POST_COLUMNS, ItemRows
    from gongkai.synthetic.province import create_agencies
    from gongkai.synthetic.subjects import create_subjects, synthetic_user

    stream = io.StringIO() if quiet else None
    first_day = date(2021, 1, 1)
    user = synthetic_user()
    planned = create_agencies(province, agencies, random.Random(f"{seed}-agencies"))
    subjects = create_subjects(planned)
    counted = {"agencies": len(planned), "items": items, "applications": applications}
    total = len(planned) * 3

    progress = Progress("生成政府信息", items, "条", stream=stream)
    item_rows = ItemRows(
        planned, subjects, user.pk, random.Random(f"{seed}-items"), first_day, as_of,
        writer.next_id("catalogue_item"),
    )  # fmt: skip
    for start in range(0, items, BATCH):
        size = min(BATCH, items - start)
        first = item_rows.next_id
        written = writer.write("catalogue_item", ITEM_COLUMNS, item_rows.batch(start, size, items))
        written += writer.write("catalogue_channelpost", POST_COLUMNS, item_rows.take_posts())
        written += writer.write("catalogue_mediaadoption", MEDIA_COLUMNS, item_rows.take_media())
        index_id_range(first, item_rows.next_id - 1)
        total += written
        progress.advance(size)
    progress.close()
    # the serials used are where each agency's next publication continues (第二十条's 索引号)
    IndexCounter.objects.bulk_create(
        IndexCounter(agency_id=agency, year=year, last_serial=serial)
        for (agency, year), serial in item_rows.serials.items()
    )

    rng = random.Random(f"{seed}-applications")
    identities = [
        (encrypt(number), lookup_digest(number)) for number in synthetic_identities(64, rng)
    ]
    application_rows = ApplicationRows(
        planned, current_calendar(), rng, first_day=first_day, as_of=as_of,
        first_id=writer.next_id("applications_application"), identities=identities,
        user_id=user.pk, digest_key=rng.randbytes(32),
    )  # fmt: skip
    progress = Progress("生成申请", applications, "件", stream=stream)
    for start in range(0, applications, BATCH):
        size = min(BATCH, applications - start)
        batch = application_rows.batch(start, size, applications)
        written = writer.write("applications_application", APPLICATION_COLUMNS, batch)
        written += writer.write(
            "applications_applicationevent", EVENT_COLUMNS, application_rows.take_events()
        )
        written += writer.write(
            "applications_appeal", APPEAL_COLUMNS, application_rows.take_appeals()
        )
        total += written
        progress.advance(size)
    progress.close()
    writer.move_sequences(["catalogue_item", "applications_application"])
    writer.analyse(
        [
            "core_agency",
            "core_user",
            "catalogue_category",
            "catalogue_item",
            "applications_application",
        ]
    )
    return {**counted, "total": total}
