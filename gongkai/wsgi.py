import gc
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their models and declarations) lives as long as
# the process: moved out of the collector's generations, a full collection no longer walks it
# on every request that triggers one. Measured in-process on the generated province: the
# office 标准目录's p95 98 → 65 ms and the county self-check's 133 → 115 ms, p50 unchanged
# (bench/RESULTS.md, end of round six).
gc.collect()
gc.freeze()

# What the first requests build lives as long too (URL resolvers, compiled templates, the
# holiday calendars, the ORM's caches: 48,000 objects after three 工作台 requests), and each
# full collection walked it again: 22–59 ms, in one request of every dozen — the p95 of the
# heaviest pages. Frozen as well once requests have built it, a full collection takes 3–4 ms
# (bench/RESULTS.md, round nine). Each freeze follows a collection, so garbage is not kept.
FREEZE_AFTER_REQUESTS = frozenset({1, 10, 100, 1000})
_finished = 0


def _freeze_what_requests_built(**kwargs) -> None:
    global _finished
    _finished += 1
    if _finished in FREEZE_AFTER_REQUESTS:
        gc.collect()
        gc.freeze()


request_finished.connect(_freeze_what_requests_built, dispatch_uid="gongkai.wsgi.freeze")
