"""What an applicant reads: one sentence per step for the status page, and per outcome the
reply's decision, its citation and the remedy sentence, shared by the letters and the
status page. No statistical label of the annual report (those are counting rules, not
replies) and no internal step name ever reaches the applicant.

Sources: 《中华人民共和国政府信息公开条例》(2019) 第十四至十六条、第三十条、第三十二条、
第三十五条至第三十九条; 《中华人民共和国行政复议法》(2023年修订, in force 2024-01-01)
第二十条 (60 days), 第二十二条第二款 (online filing), 第二十三条第一款第四项 (a refusal to
disclose goes to reconsideration first — read with 法释〔2025〕8号第一条: only a refusal under
条例第十四、十五、十六条), 第二十四条、第二十七条、第二十八条 (the 复议机关);
《中华人民共和国行政诉讼法》第四十五条 (15 days after the 复议决定), 第四十六条 (6 months);
国办函〔2020〕109号 (信息处理费)."""

from __future__ import annotations

import re

REGULATION = "《中华人民共和国政府信息公开条例》"
RECONSIDERATION_LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

# spec/workdays.md: a date in a letter that depends on a year whose holiday arrangement the
# State Council has not yet published is printed plainly, followed by this sentence (never
# "（暂定）" in what a citizen reads)
POSTPONED_SENTENCE = "如国务院办公厅公布的节假日安排与此不同，期限相应顺延。"

# -- the status page: each recorded step as the applicant reads it ------------------------

EVENT_SENTENCES = {
    "receipt_confirmed": "本机关确认收到您的申请，开始计算答复期限",
    "correction_requested": "本机关告知您补正申请",
    "corrected": "本机关收到您的补正",
    "extended": "本机关延长答复期限",
    "pause_started": "本机关就您的申请征求有关方面意见，征求意见时间不计入答复期限",
    "pause_ended": "征求意见结束，继续计算答复期限",
    "fee_notice": "本机关向您发出信息处理费缴费通知",
    "fee_paid": "本机关收到您缴纳的信息处理费",
    "fee_waived": "本机关减免信息处理费",
    "reasons_requested": "本机关请您说明申请理由",
    "reasons_answered": "本机关登记了您说明理由的情况",
    "later_date_set": "本机关确定了合理的答复期限",
    "replied": "本机关作出答复",
    "delivered": "答复已送达",
    "withdrawn": "您撤回了申请",
    "abandoned": "申请视为放弃，本机关不再处理",
}


def event_sentence(event) -> str:
    """One step on the applicant's status page (a fee pause reads as the fee notice)."""
    if event.kind == "pause_started" and event.pause_kind == "FEE":
        return "等待缴纳信息处理费，期间不计入答复期限"
    if event.kind == "pause_ended" and event.pause_kind == "FEE":
        return "继续计算答复期限"
    if event.kind == "extended" and event.workdays:
        return f"本机关延长答复期限{event.workdays}个工作日"
    if event.kind == "abandoned":
        return (
            "您未在补正期限内补正，申请视为放弃"
            if "补正" in event.note
            else "您未在规定期限内缴纳信息处理费，申请视为放弃"
        )
    return EVENT_SENTENCES.get(event.kind, "本机关办理您的申请")


# -- per outcome: the decision in a few words (status page) and in full (letters) ---------

OUTCOME_WORDS = {
    "三（一）": "予以公开",
    "三（二）": "部分公开",
    "三（四）1": "本机关不掌握或不负责公开所申请的信息",
    "三（四）2": "所申请信息需要另行加工、分析，不予提供",
    "三（四）3": "补正后申请内容仍不明确，不予处理",
    "三（五）1": "不作为政府信息公开申请处理，请通过相应渠道提出",
    "三（五）2": "重复申请，不予重复处理",
    "三（五）3": "请通过公开出版物的获取途径获取",
    "三（五）4": "申请理由不合理，不予处理",
    "三（五）5": "不作为政府信息公开申请处理",
    "三（六）1": "逾期未补正，视为放弃申请",
    "三（六）2": "逾期未缴纳信息处理费，视为放弃申请",
    "三（六）3": "申请已撤回",
}


def outcome_words(outcome: str) -> str:
    """The outcome as the applicant's status page says it (never the report's label)."""
    if outcome == "三（三）8":
        return "请依照有关法律、行政法规的规定查询"
    if outcome.startswith("三（三）"):
        return "不予公开"
    return OUTCOME_WORDS.get(outcome, "")


# -- per outcome: the decision and its legal basis ----------------------------------------

# the grounds a withheld part of 三（二） may have (条例第三十七条: 说明理由): one of the refusals,
# or that the part is not government information at all (条例第二条)
NOT_GOVERNMENT_INFORMATION = "非政府信息"
THIRD_PARTY_ANSWERS = ("同意", "不同意", "逾期未答复")  # 条例第三十二条

REFUSAL_REASONS = {
    "三（三）1": ("您申请公开的政府信息属于国家秘密", "第十四条"),
    "三（三）2": ("您申请公开的政府信息属于法律、行政法规禁止公开的政府信息", "第十四条"),
    "三（三）3": (
        "您申请公开的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定",
        "第十四条",
    ),
    "三（三）4": (
        "您申请公开的政府信息涉及商业秘密、个人隐私等公开后会对第三方合法权益造成损害",
        "第十五条、第三十二条",
    ),
    "三（三）5": (
        "您申请公开的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息",
        "第十六条第一款",
    ),
    "三（三）6": (
        "您申请公开的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息",
        "第十六条第二款",
    ),
    "三（三）7": ("您申请公开的政府信息属于行政执法案卷信息", "第十六条第二款"),
}


def withheld_reason(ground: str) -> tuple[str, str]:
    """(why, article) of one withheld part of 三（二）, as the letter states it."""
    if ground == NOT_GOVERNMENT_INFORMATION:
        return ("不属于本机关在履行行政管理职能过程中制作或者获取的政府信息", "第二条")
    reason, article = REFUSAL_REASONS[ground]
    reason = reason.removeprefix("您申请公开的政府信息")
    return (reason, article)


def third_party_sentence(details: dict) -> str:
    """What the third party answered (条例第三十二条), as the refusal letter says it."""
    answer = details.get("third_party_answer")
    if answer == "不同意":
        why = (details.get("third_party_reasons") or "").strip().rstrip("。；;，,")
        return "经书面征求第三方意见，第三方不同意公开" + (f"，理由是：{why}" if why else "")
    if answer == "逾期未答复":
        return (
            "经书面征求第三方意见，第三方逾期未提出意见，本机关经审查认为公开会损害第三方合法权益"
        )
    return ""


def published_items_told(details: dict) -> list[dict]:
    """The published items a 三（一） reply by 条例第三十六条第一项 named, each with its title,
    索引号 and public address as the reply recorded them; none for a reply that named the
    place in free text (before issue 28) or another outcome."""
    return list((details or {}).get("published_items") or [])


def published_items_sentence(details: dict) -> str:
    """The items as the mail and the letter name them: 《名称》（索引号：…）网址：…"""
    return "；".join(
        f"《{item['title']}》（索引号：{item['index_number']}），网址：{item['url']}"
        if item.get("index_number")
        else f"《{item['title']}》，网址：{item['url']}"
        for item in published_items_told(details)
    )


def decision(outcome: str, details: dict | None = None) -> tuple[str, str]:
    """(the decision sentence, the citation) of a reply, without the closing 。."""
    details = details or {}
    r = REGULATION
    if outcome == "三（一）":
        if details.get("article_36_item") == "一":
            where = (details.get("published_where") or "").strip().rstrip("。；;，,")
            items = published_items_sentence(details)
            if items:  # the items chosen from the catalogue (issue 28), the place if also given
                return (
                    f"您申请公开的政府信息已经主动公开，您可以在本机关政府信息公开专栏查看：{items}"
                    + (f"；也可以通过{where}获取" if where else ""),
                    f"{r}第三十六条第一项",
                )
            return (
                f"您申请公开的政府信息已经主动公开，您可以通过{where}获取",
                f"{r}第三十六条第一项",
            )
        how = (details.get("provision") or "").strip().rstrip("。；;，,")
        return (
            "您申请公开的政府信息属于公开范围，本机关决定予以公开" + (f"，{how}" if how else ""),
            f"{r}第三十六条第二项",
        )
    if outcome == "三（二）":
        parts = details.get("withheld") or []
        withheld = "；".join(
            "“{what}”{why}（{r}{article}）".format(
                what=part["what"].strip().rstrip("。；;，,"),
                why=withheld_reason(part["ground"])[0],
                r=r,
                article=withheld_reason(part["ground"])[1],
            )
            for part in parts
        )
        articles = "、".join(dict.fromkeys(withheld_reason(p["ground"])[1] for p in parts))
        return (
            "您申请公开的政府信息中含有不应当公开的内容，本机关对能够区分处理的部分予以公开，"
            "对不应当公开的部分不予公开"
            + (f"。不予公开的部分及理由：{withheld}" if withheld else ""),
            f"{r}第三十七条" + (f"、{articles}" if articles else "") + "、第三十六条第三项",
        )
    if outcome == "三（三）4":
        reason, article = REFUSAL_REASONS[outcome]
        told = third_party_sentence(details)
        return (
            f"{reason}，{told}，本机关决定不予公开" if told else f"{reason}，本机关决定不予公开",
            f"{r}{article}、第三十六条第三项",
        )
    if outcome in REFUSAL_REASONS:
        reason, article = REFUSAL_REASONS[outcome]
        return (f"{reason}，本机关决定不予公开", f"{r}{article}、第三十六条第三项")
    if outcome == "三（三）8":
        return (
            "您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别"
            "规定，请依照有关法律、行政法规的规定办理",
            f"{r}第三十六条第七项",
        )
    if outcome == "三（四）1":
        if details.get("article_36_item") == "五":
            # 第五项: 告知申请人并说明理由；能够确定负责公开的机关的，告知其名称、联系方式
            why = (details.get("reason") or "").strip().rstrip("。；;，,")
            holder = details.get("holder", "").strip().rstrip("。；;，,")
            return (
                "您申请公开的政府信息不属于本机关负责公开"
                + (f"，理由是：{why}" if why else "")
                + (f"。负责公开该政府信息的行政机关为{holder}" if holder else ""),
                f"{r}第三十六条第五项",
            )
        return (
            "经检索，本机关没有制作或者获取您申请公开的政府信息，该政府信息不存在",
            f"{r}第三十六条第四项",
        )
    if outcome == "三（四）2":
        return (
            "您申请提供的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供",
            f"{r}第三十八条",
        )
    if outcome == "三（四）3":
        return (
            "经补正，您的申请内容仍不明确，本机关无法确定您所需要的政府信息，不予处理",
            f"{r}第三十条",
        )
    if outcome == "三（五）1":
        return (
            "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请"
            "处理，请通过相应渠道提出",
            f"{r}第三十九条第一款",
        )
    if outcome == "三（五）2":
        return (
            "您重复申请公开相同政府信息，本机关已就该信息作出答复，不予重复处理",
            f"{r}第三十六条第六项",
        )
    if outcome == "三（五）3":
        return (
            "您要求提供政府公报、报刊、书籍等公开出版物，请通过公开出版物的获取途径获取",
            f"{r}第三十九条第二款",
        )
    if outcome == "三（五）4":
        return (
            "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为申请理由"
            "不合理，不予处理",
            f"{r}第三十五条",
        )
    if outcome == "三（五）5":
        return (
            "您要求本机关确认或者重新出具已获取的信息，不属于申请获取政府信息，本机关不作为"
            "政府信息公开申请处理",
            f"{r}第二条、第二十七条",
        )
    if outcome == "三（六）1":
        return (
            "您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请",
            f"{r}第三十条",
        )
    if outcome == "三（六）2":
        return (
            "您未在规定期限内缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请",
            FEE_RULES,
        )
    if outcome == "三（六）3":
        return ("您已撤回申请，本机关终止处理", "")
    raise ValueError(f"未知的办理结果：{outcome}")


# 法释〔2025〕8号第一条 with 行政复议法第二十三条第一款第四项: reconsideration first only for a
# refusal under 条例第十四、十五、十六条 — 三（三）1–7, not 三（三）8 (第三十六条第七项)
REFUSALS_UNDER_14_TO_16 = tuple(REFUSAL_REASONS)


def is_refusal(outcome: str) -> bool:
    """Whether the outcome is a refusal under 条例第十四–十六条, which goes to reconsideration
    first (复议前置). 三（二） is judged part by part (remedy)."""
    return outcome in REFUSALS_UNDER_14_TO_16


# -- the 复议机关 and the remedy sentence ----------------------------------------------------

GOVERNMENT_LEVELS = ("province_gov", "city_gov", "county_gov")


def reconsideration_body(agency) -> str:
    """The agency's recorded 复议机关; without one, the rule of 行政复议法: a department's
    is the government of its own level and a government's the government one level up
    (第二十四条); for a vertically led agency (第二十七条) its superior department; for a
    司法行政部门 (第二十八条) the government of its level or the justice department one level
    up. The government is named from the agency tree where it is there."""
    if agency.reconsideration_body:
        return agency.reconsideration_body
    rule = getattr(agency, "reconsideration_rule", "") or ""
    if rule == "vertical":
        return agency.parent.name if agency.parent is not None else "上一级主管部门"
    government = _government_above(agency)
    if rule == "justice":
        return f"{government or '本级人民政府'}或者上一级司法行政部门"
    if government:
        return government
    return "上一级人民政府" if agency.level in GOVERNMENT_LEVELS else "本级人民政府"


def _government_above(agency) -> str:
    """The government one level up for a government or township, the own level's for a
    department: the first government among its ancestors (a department's parent is the
    government it works for)."""
    current, seen = agency.parent, 0
    while current is not None and seen < 10:
        if current.level in GOVERNMENT_LEVELS:
            return current.name
        current, seen = current.parent, seen + 1
    return ""


def online_filing(agency) -> str:
    """行政复议法第二十二条第二款: the 复议机关's online channel, for a letter delivered online."""
    channel = (getattr(agency, "reconsideration_online", "") or "").strip().rstrip("。；;，,")
    if not channel:
        return ""
    return (
        f"申请行政复议的，也可以通过{channel}在网上提出（{RECONSIDERATION_LAW}第二十二条第二款）。"
    )


def remedy(outcome: str, body: str, details: dict | None = None) -> str:
    """The remedy sentence by outcome (行政复议法 as revised in 2023, 法释〔2025〕8号第一条);
    for 三（二） by the ground of each withheld part."""
    first = (
        f"应当自收到本告知书之日起六十日内向{body}申请行政复议"
        f"（{RECONSIDERATION_LAW}第二十条、第二十三条第一款第四项），"
        "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼"
        f"（{LITIGATION_LAW}第四十五条）"
    )
    either = (
        f"可以自收到本告知书之日起六十日内向{body}申请行政复议（{RECONSIDERATION_LAW}第二十条），"
        f"也可以自收到本告知书之日起六个月内依法向人民法院提起行政诉讼（{LITIGATION_LAW}第四十六条）"
    )
    if outcome == "三（六）3":  # the applicant withdrew: no decision to challenge
        return ""
    if outcome == "三（二）":
        grounds = {p["ground"] for p in (details or {}).get("withheld") or []}
        if not grounds & set(REFUSALS_UNDER_14_TO_16):
            return f"您对本告知书不服的，{either}。"
        return (
            f"您对本告知书中依据条例第十四、十五、十六条不予公开的部分不服的，{first}；"
            f"对其他内容不服的，{either}。"
        )
    if is_refusal(outcome):
        return f"您对本告知书不服的，{first}。"
    return f"您对本告知书不服的，{either}。"


# -- joining clerk text and template text -------------------------------------------------

OPENINGS = ("经审查", "经研究", "经查", "经检索")
DOUBLED = re.compile(r"([。，、；：！？])[。，、；：！？]+")


def clause(text: str, *, opening: str = "") -> str:
    """Clerk text made ready to sit inside a template sentence: no opening the template
    already has ("经审查，经审查"), no closing punctuation of its own ("。，")."""
    text = " ".join(text.split())
    if opening:
        for word in OPENINGS:
            if opening.startswith(word) and text.startswith(word):
                text = text[len(word) :].lstrip("，,：: ")
    return text.rstrip("。，,；;：: ")


def review_opening(decision_text: str) -> str:
    """ "经审查，" before a decision, unless the decision opens with its own 经… (经检索,
    经补正, 经要求说明理由): never "经审查，经检索"."""
    return "" if decision_text.startswith("经") else "经审查，"


def tidy(text: str) -> str:
    """The last pass over a drafted letter: one punctuation mark where two met, and no
    doubled opening from an agency's own template ("经审查，经检索" → "经检索")."""
    text = DOUBLED.sub(lambda m: m.group(1), text)
    text = re.sub(r"经审查[，,]\s*(?=经)", "", text)
    return re.sub(r"\n{2,}", "\n", text)  # a part left empty leaves no blank line
