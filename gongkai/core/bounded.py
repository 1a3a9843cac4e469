"""Work on files from outside (reading an attachment's text, checking a published report with
OCR) done in a child process with limits, so one file cannot take a web worker's memory or
time: a 54 KB PDF of 400 pages once drove a worker to 3.9 GB until it was killed at 120 s.

The child is a fresh interpreter (`python -m gongkai.core.bounded`, not a fork of a worker
with its threads and connections) that sets its own limits before it reads anything:
RLIMIT_AS (address space) and RLIMIT_CPU (seconds of CPU); the parent also stops waiting after
a wall-clock limit and kills it. What was asked goes in on stdin (pickled by us, for our own
child); what comes back on stdout is JSON — text and plain data, never objects the child
built from the file. Refusals are Chinese sentences:

- Refused(message): the work itself refused the file (a damaged file, too many pages …);
- Exceeded(message): the file took more time or memory than the limits allow.

No task queue (DESIGN.md): the report check already runs in a thread of its own, and an
attachment's text is read while the clerk waits; both now wait on a child instead.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import pickle
import subprocess
import sys
from dataclasses import dataclass

from django.conf import settings


class Refused(ValueError):
    """The work refused the file; the message is for the clerk."""


class Exceeded(Refused):
    """The file needed more than the limits allow."""


@dataclass(frozen=True)
class Limits:
    seconds: int  # wall clock, and CPU
    memory_mb: int  # address space of the child
    pages: int  # of a PDF
    pixels: int  # of a picture, or of a PDF page rasterised for OCR

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            settings.BOUNDED_WORK_SECONDS,
            settings.BOUNDED_WORK_MEMORY_MB,
            settings.BOUNDED_MAX_PAGES,
            settings.BOUNDED_MAX_PIXELS,
        )


current: Limits | None = None  # in the child: the limits it runs under


def too_slow(limits: Limits) -> str:
    return f"文件过于复杂，{limits.seconds} 秒内未能读完，已停止处理；请拆分或简化后重新上传"


def too_big(limits: Limits) -> str:
    return (
        f"文件过于复杂，读取时所需内存超过 {limits.memory_mb} MB，已停止处理；"
        "请拆分或简化后重新上传"
    )


def run(target: str, *args, limits: Limits | None = None):
    """Call `target` ("package.module:function") with `args` in a child process within
    `limits`; its JSON-able return value, or Refused / Exceeded with the sentence to show."""
    limits = limits or Limits.from_settings()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gongkai.core.bounded"],
            input=pickle.dumps((target, args, limits)),
            capture_output=True,
            timeout=limits.seconds + 5,  # the CPU limit stops a busy child first
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    except subprocess.TimeoutExpired:  # waiting (on nothing) past the limit: run() killed it
        raise Exceeded(too_slow(limits)) from None
    try:
        answer = json.loads(done.stdout.decode() or "null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        answer = None
    if not isinstance(answer, dict):  # killed: SIGXCPU/SIGKILL at the CPU limit, or abort()
        if done.returncode in (-24, -9):  # SIGXCPU, SIGKILL
            raise Exceeded(too_slow(limits))
        raise Exceeded(too_big(limits))  # a C library that could not allocate aborts
    if "refused" in answer:
        raise Refused(answer["refused"])
    if "memory" in answer:
        raise Exceeded(too_big(limits))
    if "error" in answer:
        raise RuntimeError(f"bounded work {target} failed: {answer['error']}")
    return answer["value"]


def _limits() -> Limits:
    return current or Limits.from_settings()


def check_pdf(data: bytes, *, dpi: int = 0) -> None:
    """Refuse a PDF with more pages than the limit, or (when it will be rasterised at `dpi`
    for OCR) a page of more pixels than the limit — before anything reads its content."""
    import pypdfium2

    limits = _limits()

    try:
        document = pypdfium2.PdfDocument(data)
    except Exception:  # pdfium raises its own kinds for a damaged file
        raise Refused("文件已损坏或无法作为 PDF 打开，请重新导出后上传") from None
    try:
        pages = len(document)
        if pages > limits.pages:
            raise Refused(
                f"PDF 共 {pages} 页，超过可自动读取的 {limits.pages} 页；请拆分后分别上传"
            )
        if dpi:
            for number in range(pages):
                width, height = document[number].get_size()  # points, 1/72 inch
                if width * height * (dpi / 72) ** 2 > limits.pixels:
                    raise Refused(
                        f"PDF 第 {number + 1} 页的幅面过大，无法识别；请按常规纸张大小导出"
                    )
    finally:
        document.close()


def check_image(data: bytes) -> None:
    """Refuse a picture of more pixels than the limit, read from its header only (a 230 KB
    PNG of one colour can hold billions of pixels)."""
    from PIL import Image

    pixels = _limits().pixels
    Image.MAX_IMAGE_PIXELS = None  # open() reads the header only; the size is judged here
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except Exception:  # Pillow raises many kinds for a damaged picture
        raise Refused("图片已损坏或无法打开") from None
    Image.MAX_IMAGE_PIXELS = pixels  # and decoding anything larger fails in Pillow too
    if width * height > pixels:
        raise Refused(
            f"图片为 {width}×{height} 像素，超过可识别的 {pixels // 1_000_000} 百万像素；"
            "请缩小后重新上传"
        )


def _child() -> None:
    import resource

    global current
    target, args, limits = pickle.loads(sys.stdin.buffer.read())
    current = limits
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.seconds, limits.seconds + 1))
    out = sys.stdout
    sys.stdout = sys.stderr  # whatever a library prints must not spoil the answer
    try:
        # no django.setup(): the work reads files, never the database (settings load lazily)
        module, name = target.split(":")
        value = getattr(importlib.import_module(module), name)(*args)
        answer = {"value": value}
    except MemoryError:
        answer = {"memory": True}
    except Refused as refused:
        answer = {"refused": str(refused)}
    except ValueError as refused:  # UploadRefused and the readers' own refusals
        answer = {"refused": str(refused)} if _chinese(str(refused)) else {"error": repr(refused)}
    except BaseException as error:  # reported to the parent, which raises it
        answer = {"error": repr(error)[:2000]}
    out.write(json.dumps(answer, ensure_ascii=False))
    out.flush()


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


if __name__ == "__main__":
    # run in the module proper, not this __main__ copy: its Refused and `current` are the
    # ones the work imports
    from gongkai.core.bounded import _child as child

    child()
