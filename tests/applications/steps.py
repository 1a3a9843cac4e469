"""The steps the law requires before some outcomes, for tests that reach an outcome without
caring how (reports, security): each taken through the real transitions on the receipt day,
so the outcome is one a clerk could have recorded."""

from gongkai.applications import transitions as t


def reply_as_the_law_allows(application, *, by, on, outcome: str, text: str = "答复"):
    day = application.received_on
    extra = {}
    if outcome == "三（三）4":  # 条例第三十二条: the third party is consulted first
        t.start_consultation(application, by=by, on=day, kind=t.PauseKind.THIRD_PARTY)
        t.end_consultation(
            application, by=by, on=day, answer="不同意", reasons="涉及本公司商业秘密"
        )
    elif outcome == "三（四）3":  # 条例第三十条: a correction that is still unclear
        t.request_correction(application, by=by, on=day, period_workdays=5, what="所需信息")
        t.record_correction(application, by=by, on=day)
    elif outcome == "三（五）4":  # 条例第三十五条: reasons asked and the answer recorded
        t.request_reasons(application, by=by, on=day, note="请说明理由")
        t.record_reasons(application, by=by, on=day, silent=True)
    elif outcome == "三（四）1":  # 条例第三十六条第四项: searched, not held
        extra = {"not_held_item": "四"}
    elif outcome == "三（二）":  # 条例第三十七条: each withheld part with its ground
        extra = {"withheld": [{"what": "身份证号码", "ground": "三（三）4"}]}
    return t.reply(application, by=by, on=on, outcome=outcome, text=text, **extra)
