"""Tables published as pictures (PNG/JPG, or PDF pages that are only an image), read offline.

The OCR engine is RapidOCR on ONNX Runtime; its detection and recognition models ship
inside the rapidocr-onnxruntime wheel, so nothing is downloaded when it runs. The table's
grid is found from its ruling lines (OpenCV), every recognised piece of text goes to the
cell around it, and a cell where detection found nothing but there is ink is recognised on
its own — a lone "0" is easy to miss. The result is the same text stream the other readers
give: cells separated by CELL, rows by newlines, blank cells kept."""

from __future__ import annotations

import importlib.util
import logging
from functools import cache

from .sources import CELL

RESOLUTION = 200  # dpi for rasterising a PDF page
MIN_CELL = 12  # pixels: smaller enclosed regions are line junctions, not cells
# A vertical ruling line is a run of ink longer than any stroke of a glyph at 200 dpi, and
# shorter than one table row (a row alone at the top of a page has only its own height).
LINE_RUN = 34


def available() -> bool:
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("rapidocr_onnxruntime", "cv2", "numpy")
    )


@cache
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    # one thread each: the checker runs beside other work, and ONNX Runtime's thread pool
    # sized to the machine is slower than one thread when the cores are busy
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def image_text(data: bytes) -> str | None:
    """The text of an image file, tables rebuilt; None when it is not an image."""
    import cv2
    import numpy

    image = cv2.imdecode(numpy.frombuffer(data, numpy.uint8), cv2.IMREAD_COLOR)
    if image is None:
        return None
    return _page(image)


def pdf_page_text(page) -> str | None:
    """The text of a pdfplumber page that is only a picture."""
    import cv2
    import numpy

    picture = page.to_image(resolution=RESOLUTION).original.convert("RGB")
    return _page(cv2.cvtColor(numpy.asarray(picture), cv2.COLOR_RGB2BGR))


def _page(image) -> str:
    import cv2

    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    _labels, cells = _cells(gray)
    # text outside the tables: the page with every cell painted white
    outside = image.copy()
    for x0, y0, x1, y1 in cells.values():
        outside[y0:y1, x0:x1] = 255
    free = []
    result, _ = _engine()(outside)
    for box, text, _score in result or []:
        free.append((sum(p[1] for p in box) / 4, sum(p[0] for p in box) / 4, text))
    lines: list[tuple[float, str]] = [(y, text) for y, _x, text in _lines(free)]
    # every line of ink in every cell, recognised in one batch
    crops, owners = [], []
    for label, (x0, y0, x1, y1) in cells.items():
        inner = gray[y0 + 3 : y1 - 3, x0 + 3 : x1 - 3]
        for top, bottom in _ink_runs(inner):
            crops.append(
                _tight(image[y0 + 3 : y1 - 3, x0 + 3 : x1 - 3][top:bottom], inner[top:bottom])
            )
            owners.append(label)
    texts: dict[int, list[str]] = {}
    if crops:
        recognised, _ = _engine().text_rec(crops)
        for label, (text, score) in zip(owners, recognised, strict=True):
            texts.setdefault(label, []).append(text if float(score) >= 0.5 else "")
    for top, row in _rows(cells):
        cells_text = []
        for label in row:
            parts = texts.get(label, [])
            cells_text.append(_numeric(parts[0]) if len(parts) == 1 else "".join(parts))
        lines.append((top, CELL + CELL.join(cells_text) + CELL))
    lines.sort(key=lambda line: line[0])
    return "\n".join(text for _, text in lines)


def _ink_runs(crop, gap: int = 3) -> list[tuple[int, int]]:
    """The lines of text in a cell: runs of pixel rows with ink (small gaps bridged)."""
    import cv2

    if crop.size == 0:
        return []
    _, ink = cv2.threshold(crop, 128, 255, cv2.THRESH_BINARY_INV)
    inked = (ink.sum(axis=1) // 255 >= 1).tolist()
    runs: list[list[int]] = []
    for y, on in enumerate(inked):
        if not on:
            continue
        if runs and y - runs[-1][1] <= gap:
            runs[-1][1] = y + 1
        else:
            runs.append([y, y + 1])
    return [(top, bottom) for top, bottom in runs if bottom - top >= 4]


WHITE = (255, 255, 255)
# what a recogniser makes of a lone digit, read as the digit when the cell is all digits
DIGIT_LOOKALIKES = str.maketrans({"。": "0", "o": "0", "O": "0", "〇": "0", "D": "0", "l": "1"})


def _numeric(text: str) -> str:
    fixed = text.strip().translate(DIGIT_LOOKALIKES)
    return fixed if fixed.replace(".", "").isdigit() else text


def _tight(crop, inner_gray):
    """The ink of a one-line cell with a small margin, scaled to the recogniser's height."""
    import cv2
    import numpy

    _, ink = cv2.threshold(inner_gray, 128, 255, cv2.THRESH_BINARY_INV)
    ys, xs = numpy.nonzero(ink)
    if len(xs) == 0:
        return crop
    piece = crop[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    height = piece.shape[0]
    margin = max(6, height // 3)
    piece = cv2.copyMakeBorder(
        piece, margin, margin, margin * 2, margin * 2, cv2.BORDER_CONSTANT, value=WHITE
    )
    scale = 48 / piece.shape[0]
    return cv2.resize(piece, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)


def _cells(gray):
    """The enclosed regions of the ruling lines: label image and {label: box}."""
    import cv2
    import numpy

    height, width = gray.shape
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    horizontal = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, width // 25), 1))
    )
    vertical = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, LINE_RUN))
    )
    grid = cv2.dilate(horizontal | vertical, numpy.ones((3, 3), numpy.uint8))
    if not grid.any():
        return None, {}
    count, labels, stats, _ = cv2.connectedComponentsWithStats(255 - grid, connectivity=4)
    cells = {}
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        if w < MIN_CELL or h < MIN_CELL:
            continue
        if x <= 0 or y <= 0 or x + w >= width or y + h >= height:
            continue  # the page around the tables
        cells[label] = (int(x), int(y), int(x + w), int(y + h))
    return labels, cells


def _rows(cells: dict[int, tuple[int, int, int, int]]):
    """Cells in rows by their top edge (a cell spanning rows belongs to its first)."""
    rows: list[tuple[float, list[int]]] = []
    for label, (_x0, y0, _x1, _y1) in sorted(cells.items(), key=lambda item: item[1][1]):
        if rows and abs(rows[-1][0] - y0) <= 6:
            rows[-1][1].append(label)
        else:
            rows.append((y0, [label]))
    return [(top, sorted(labels, key=lambda lb: cells[lb][0])) for top, labels in rows]


def _lines(free: list[tuple[float, float, str]]):
    """Text outside the tables, in lines."""
    lines: list[tuple[float, list[tuple[float, str]]]] = []
    for y, x, text in sorted(free):
        if lines and abs(lines[-1][0] - y) <= 10:
            lines[-1][1].append((x, text))
        else:
            lines.append((y, [(x, text)]))
    for y, parts in lines:
        yield y, 0, " ".join(text for _, text in sorted(parts))
