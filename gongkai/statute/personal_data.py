"""Finding personal data in text before it is published (个人信息保护法; 条例第十五条).

Three kinds are recognised with their own check rules, so ordinary numbers in a notice
(amounts, document numbers, dates) are not mistaken for them:
- 18-digit resident ID numbers whose birth date exists and whose check character is right
  (GB 11643);
- mainland mobile numbers: 11 digits starting 13–19 (optionally +86), not part of a longer
  run of digits;
- bank card numbers: 16–19 digits passing the Luhn check.

The scan reads what a reader sees, not the bytes a clerk pasted: HTML is parsed (lxml), so
`110105<span>199001011232</span>` is one number; every character is NFKC-normalised, so
full-width `１３９…` are digits; invisible format characters (zero-width spaces) are
dropped; and digit groups written with spaces or hyphens between them (`139 1234 5678`,
`110105-19900101-1232`) are joined. Each find remembers where each of its digits came
from, so it can be masked in place — in plain text, in HTML, and in any document whose text
comes in pieces (a DOCX's runs, a spreadsheet's cells).

As townships really write them (issue 24): any run of white space is a separator, however
long, since HTML shows a newline, four spaces or `&nbsp;` as one space; combining and
enclosing marks (categories Mn and Me: U+FE0F, U+034F, U+20E3) are dropped like format
characters; groups may be set apart by dots or slashes (`139.1234.5678`, `139/1234/5678`) but
only in the groupings people use for that number, so dates, amounts and addresses are not
joined; a number may be written in Chinese numerals (一一〇一〇五…, 〇/零/○ for nought and
幺 for one, the banks' 壹贰叁 too); and in plain text a line break may cut an ID number
(a PDF wraps its lines) — only a whole, checked ID number is joined across one.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .codes import resident_id_problem


class DataKind(StrEnum):
    RESIDENT_ID = "居民身份证号码"
    MOBILE = "手机号码"
    BANK_CARD = "银行卡号"


@dataclass(frozen=True)
class Hit:
    """A personal number: `start`/`end` span it in the scanned text, `positions` are where
    each of its digits is (a (piece, offset) pair when the text came in pieces)."""

    kind: DataKind
    start: int
    end: int
    text: str
    digits: str = ""
    positions: tuple = ()

    @property
    def masked(self) -> str:
        digits = self.digits or self.text
        keep = 4 if len(digits) > 8 else 2
        return digits[:3] + "*" * (len(digits) - 3 - keep) + digits[-keep:]

    @property
    def masked_positions(self) -> tuple:
        """The positions whose digit the masked form replaces with '*'."""
        keep = 4 if len(self.digits) > 8 else 2
        return self.positions[3 : len(self.positions) - keep]


# between the groups of one number: white space of any length and the hyphens and dashes
# people type (SOFT); a dot or a slash (STRICT: only the usual groupings, see STRICT_SHAPES);
# one line break of plain text (LINE: only a resident ID number, whose check character
# guards against joining two lines' numbers by chance)
SOFT = re.compile(r"[ \t]*[\-‐‑‒–—―−]{0,2}[ \t]*")
STRICT = re.compile(r"[ \t]*[./·•\\][ \t]*")
LINE = re.compile(r"[ \t]*\r?\n[ \t]*")
CHINESE_DIGITS = "〇零○一二三四五六七八九幺壹贰叁肆伍陆柒捌玖"
TO_DIGITS = str.maketrans(CHINESE_DIGITS, "0001234567891123456789")
GROUP = re.compile(rf"(?:\d+|[{CHINESE_DIGITS}]+)(?:[Xx](?![A-Za-z]))?")
# the group lengths people use when they put dots or slashes in a number
STRICT_SHAPES = {
    DataKind.MOBILE: {(3, 4, 4)},
    DataKind.RESIDENT_ID: {(6, 8, 4), (6, 4, 4, 4)},
    DataKind.BANK_CARD: {(4, 4, 4, 4), (4, 4, 4, 4, 1), (4, 4, 4, 4, 2), (4, 4, 4, 4, 3)},
}
# default-ignorable characters outside categories Cf, Mn and Me (Hangul fillers)
IGNORABLE = frozenset("\u115f\u1160\u3164\uffa0")
MOBILE = re.compile(r"(?:86)?(1[3-9]\d{9})")
# anything NFKC may turn into a digit: decimal digits of any script (full-width too), and the
# circled, parenthesised, superscript and subscript ones
DIGITISH = re.compile(r"[\d\u00b2\u00b3\u00b9\u2070-\u209f\u2460-\u24ff\u2776-\u2793]")
# a number in Chinese numerals comes in groups of three or more (一三九 一二三四…); 一 alone
# is in almost every Chinese sentence and must not make every body worth parsing
CHINESE_RUN = re.compile(rf"[{CHINESE_DIGITS}]{{3,}}")
FEWEST_DIGITS = 11  # a mobile number; IDs have 18, cards 16
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
INVISIBLE_TAGS = frozenset({"script", "style", "template", "head", "title"})


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def normalise(pieces: Sequence[str | None], *, html: bool = False) -> tuple[str, list]:
    """The text a reader sees from `pieces` (None is a line break between blocks), and for
    each of its characters the (piece, offset) it came from (None for a break). In `html`
    every white space in a piece is shown as a space, newlines included."""
    chars: list[str] = []
    origin: list = []
    for index, piece in enumerate(pieces):
        if piece is None:
            chars.append("\n")
            origin.append(None)
            continue
        for offset, char in enumerate(piece):
            if char.isascii() or "\u4e00" <= char <= "\u9fff":  # NFKC leaves these alone
                chars.append(" " if html and char.isspace() else char)
                origin.append((index, offset))
                continue
            # zero-width and direction marks, combining and enclosing marks (U+FE0F, U+034F)
            if unicodedata.category(char) in ("Cf", "Mn", "Me") or char in IGNORABLE:
                continue
            if html and char.isspace():
                chars.append(" ")
                origin.append((index, offset))
                continue
            for normal in unicodedata.normalize("NFKC", char):
                chars.append(normal)
                origin.append((index, offset))
    return "".join(chars), origin


def _link(text: str, start: int, end: int, hard: frozenset[int]) -> str | None:
    """How the text between two groups joins them: "soft", "strict", "line", or None."""
    if start == end:  # 一 then 3800…: Chinese and Arabic digits side by side
        return "soft" if text[start - 1].isdigit() != text[start].isdigit() else None
    if "\n" in text[start:end] and hard.intersection(range(start, end)):
        return None
    if SOFT.fullmatch(text, start, end):
        return "soft"
    if STRICT.fullmatch(text, start, end):
        return "strict"
    if LINE.fullmatch(text, start, end):
        return "line"
    return None


def _find(text: str, hard: frozenset[int] = frozenset()) -> list[tuple[DataKind, list[int]]]:
    """Each personal number in normalised `text`, as its kind and its digits' positions;
    `hard` are the positions of breaks between blocks, which no number crosses."""
    groups = [(m.start(), m.end()) for m in GROUP.finditer(text)]
    chains: list[list[tuple[int, int]]] = []
    links: list[list[str]] = []  # links[c][k] joins chains[c][k] and chains[c][k + 1]
    for start, end in groups:
        previous = chains[-1][-1] if chains else None
        link = None
        if previous is not None and text[previous[1] - 1] not in "Xx":
            link = _link(text, previous[1], start, hard)
        if link:
            chains[-1].append((start, end))
            links[-1].append(link)
        else:
            chains.append([(start, end)])
            links.append([])

    found: list[tuple[int, DataKind, int, int, list[int]]] = []  # priority, kind, i, j, pos
    for chain, chain_links in zip(chains, links, strict=True):
        if sum(end - start for start, end in chain) < FEWEST_DIGITS:
            continue  # most chains: one short group (a year, an amount, 一)
        for i in range(len(chain)):
            digits = ""
            for j in range(i, len(chain)):
                digits += text[chain[j][0] : chain[j][1]].translate(TO_DIGITS)
                if len(digits) > 19:
                    break
                if "x" in digits.lower()[:-1] or (j < len(chain) - 1 and digits[-1] in "Xx"):
                    break
                lengths = tuple(e - s for s, e in chain[i : j + 1])
                used = set(chain_links[i:j])
                positions = [p for s, e in chain[i : j + 1] for p in range(s, e)]

                def shaped(kind: DataKind, lengths=lengths, used=used) -> bool:
                    if "line" in used and kind is not DataKind.RESIDENT_ID:
                        return False
                    return "strict" not in used or lengths in STRICT_SHAPES[kind]

                if (
                    len(digits) == 18
                    and not resident_id_problem(digits)
                    and shaped(DataKind.RESIDENT_ID)
                ):
                    found.append((0, DataKind.RESIDENT_ID, i, j, positions))
                elif (
                    digits.isdigit()
                    and 16 <= len(digits) <= 19
                    and digits[0] != "0"  # no card number starts with 0 (ISO/IEC 7812)
                    and all(n >= 4 for n in lengths[:-1])
                    and luhn_valid(digits)
                    and shaped(DataKind.BANK_CARD)
                ):
                    found.append((1, DataKind.BANK_CARD, i, j, positions))
                elif (
                    digits.isdigit()
                    and lengths[0] >= 3
                    and (match := MOBILE.fullmatch(digits))
                    and shaped(DataKind.MOBILE)
                ):
                    found.append((2, DataKind.MOBILE, i, j, positions[match.start(1) :]))
    # one number per digit: the strongest kind first, then the longest
    taken: set[int] = set()
    hits: list[tuple[DataKind, list[int]]] = []
    for _, kind, _i, _j, positions in sorted(found, key=lambda f: (f[0], -len(f[4]))):
        if taken.intersection(range(positions[0], positions[-1] + 1)):
            continue
        taken.update(range(positions[0], positions[-1] + 1))
        hits.append((kind, positions))
    return sorted(hits, key=lambda h: h[1][0])


def _too_few_digits(text: str) -> bool:
    """True when `text` cannot hold a personal number: the quick test that spares a long
    body without them the parsing and normalising (a catalogue import of 20,000 rows)."""
    from itertools import islice

    if CHINESE_RUN.search(text):
        return False
    return sum(1 for _ in islice(DIGITISH.finditer(text), FEWEST_DIGITS)) < FEWEST_DIGITS


def scan_pieces(pieces: Sequence[str | None], *, html: bool = False) -> list[Hit]:
    """Personal numbers in text that comes in pieces; positions are (piece, offset). None
    is a break between blocks (table cells, paragraphs of HTML) that no number crosses."""
    if all(p is None or _too_few_digits(p) for p in pieces) and _too_few_digits(
        "".join(p for p in pieces if p is not None)
    ):
        return []
    text, origin = normalise(pieces, html=html)
    hard = (
        frozenset(i for i, o in enumerate(origin) if o is None) if None in pieces else frozenset()
    )
    hits = []
    for kind, positions in _find(text, hard):
        start, end = positions[0], positions[-1] + 1
        hits.append(
            Hit(
                kind,
                start,
                end,
                text[start:end],
                "".join(text[p] for p in positions).translate(TO_DIGITS).upper(),
                tuple(origin[p] for p in positions),
            )
        )
    return hits


def scan(text: str) -> list[Hit]:
    """Every personal number in plain `text`, in order; offsets are `text`'s own."""
    hits = []
    for hit in scan_pieces([text]):
        offsets = tuple(offset for _, offset in hit.positions)
        start, end = offsets[0], offsets[-1] + 1
        hits.append(Hit(hit.kind, start, end, text[start:end], hit.digits, offsets))
    return hits


def redact(text: str, hits: list[Hit]) -> str:
    """`text` with each hit's digits masked in place (separators and the rest kept)."""
    chars = list(text)
    for hit in hits:
        for offset in hit.masked_positions:
            chars[offset] = "*"
    return "".join(chars)


def mask_pieces(pieces: Sequence[str | None], hits: list[Hit]) -> list[str | None]:
    """`pieces` with each hit's digits masked where they are."""
    out = [list(p) if p is not None else None for p in pieces]
    for hit in hits:
        for index, offset in hit.masked_positions:
            out[index][offset] = "*"
    return ["".join(p) if p is not None else None for p in out]


# --- HTML ---------------------------------------------------------------------------------


def _html_slots(html: str):
    """The fragment's tree and its text slots in reading order: each slot is (element,
    'text'|'tail') or None for a block boundary."""
    import lxml.html

    root = lxml.html.fragment_fromstring(f"<div>{html}</div>")
    slots: list = []

    def walk(element, visible: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag.lower() in BLOCK_TAGS
        shown = visible and isinstance(element.tag, str) and tag.lower() not in INVISIBLE_TAGS
        if block:
            slots.append(None)
        if shown and element.text:
            slots.append((element, "text"))
        for child in element:
            walk(child, shown)
            if child.tail and visible:
                slots.append((child, "tail"))
        if block:
            slots.append(None)

    walk(root, True)
    return root, slots


def _slot_text(slot) -> str | None:
    return None if slot is None else getattr(slot[0], slot[1])


def visible_text(html: str) -> str:
    """What a reader of the HTML fragment sees, blocks on their own lines, normalised."""
    if not html.strip():
        return ""
    _, slots = _html_slots(html)
    return normalise([_slot_text(s) for s in slots], html=True)[0]


def scan_html(html: str) -> list[Hit]:
    if not html.strip() or _too_few_digits(html):
        return []
    _, slots = _html_slots(html)
    return scan_pieces([_slot_text(s) for s in slots], html=True)


def redact_html(html: str) -> str:
    """The fragment with every personal number masked in its text nodes; unchanged (byte
    for byte) when there is nothing to mask."""
    if not html.strip() or _too_few_digits(html):
        return html
    import lxml.html

    root, slots = _html_slots(html)
    pieces = [_slot_text(s) for s in slots]
    hits = scan_pieces(pieces, html=True)
    if not hits:
        return html
    for slot, text in zip(slots, mask_pieces(pieces, hits), strict=True):
        if slot is not None:
            setattr(slot[0], slot[1], text)
    inner = html_lib.escape(root.text or "", quote=False)
    return inner + "".join(lxml.html.tostring(c, encoding="unicode") for c in root)


def describe(hits: list[Hit], where: str) -> list[dict]:
    return [
        {"kind": h.kind.value, "masked": h.masked, "where": where, "confirmed": False} for h in hits
    ]
