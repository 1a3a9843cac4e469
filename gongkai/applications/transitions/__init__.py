"""Every step of handling an application, one function each (DESIGN.md's recipe), by step family.

Each checks who acts and the current state, then in one transaction locks the row, records
the event, recomputes the deadline with the statute's engine, saves only what changed,
writes an audit entry, and tells the applicant by e-mail once the transaction commits.
An illegal step raises TransitionError with a sentence for the clerk.

    base          the recipe (_step) and the order of dates (条例第三十三条)
    intake        online submission, registration, confirmation of receipt (第三十一条)
    correction    补正 and 逾期未补正 (第三十条)
    extension     延长答复期限 (第三十三条第二款)
    consultation  征求第三方、其他机关意见 (第三十二条、第三十四条)
    fees          信息处理费 (第四十二条, 国办函〔2020〕109号)
    reasons       要求说明理由、合理答复期限 (第三十五条)
    outcome       答复 (第三十六条至第三十九条), 撤回, 送达
    appeals       行政复议、行政诉讼 (第五十一条)

Every name stays importable from here, as it was before the split; the names other modules
import from here that belong to core and statute are kept too.
"""

from gongkai.applications.transitions.appeals import (
    decide_appeal,
    record_appeal,
)
from gongkai.applications.transitions.base import (
    DEADLINE_FIELDS,
    _check_declared,
    _check_declared_step,
    _clock,
    _conclude,
    _locked,
    _notify,
    _open_pause,
    _require_in_order,
    _require_running,
    _step,
    _unarranged_note,
)
from gongkai.applications.transitions.consultation import (
    _third_party_answer,
    end_consultation,
    start_consultation,
)
from gongkai.applications.transitions.correction import (
    abandon_for_no_correction,
    correction_period_end,
    record_correction,
    request_correction,
    submit_correction_online,
)
from gongkai.applications.transitions.extension import (
    _pending_extension,
    _require_within_ordinary_period,
    approve_extension,
    request_extension,
)
from gongkai.applications.transitions.fees import (
    END_FEE_PAUSE,
    FEE_SERVICE_WAYS,
    FeeMethod,
    _check_served_on,
    _fee_pending,
    abandon_for_unpaid_fee,
    fee_payment_deadline,
    fee_period_end,
    fee_proposal,
    issue_fee_notice,
    record_fee_notice_served,
    record_payment,
    waive_fee,
)
from gongkai.applications.transitions.intake import (
    _create,
    _next_tracking_number,
    _submit_online,
    confirm_receipt,
    register_application,
    submit_online,
)
from gongkai.applications.transitions.outcome import (
    NOT_HELD,
    STILL_UNCLEAR,
    THIRD_PARTY,
    _disclosure_details,
    _require_outcome_prerequisites,
    _withheld_parts,
    record_delivery,
    reply,
    withdraw,
)
from gongkai.applications.transitions.reasons import (
    record_reasons,
    request_reasons,
    set_later_date,
)
from gongkai.core.roles import HANDLERS
from gongkai.core.transitions import TransitionError, require_role
from gongkai.statute.deadlines import Channel, PauseKind

__all__ = [
    "DEADLINE_FIELDS",
    "END_FEE_PAUSE",
    "FEE_SERVICE_WAYS",
    "HANDLERS",
    "NOT_HELD",
    "STILL_UNCLEAR",
    "THIRD_PARTY",
    "Channel",
    "FeeMethod",
    "PauseKind",
    "TransitionError",
    "_check_declared",
    "_check_declared_step",
    "_check_served_on",
    "_clock",
    "_conclude",
    "_create",
    "_disclosure_details",
    "_fee_pending",
    "_locked",
    "_next_tracking_number",
    "_notify",
    "_open_pause",
    "_pending_extension",
    "_require_in_order",
    "_require_outcome_prerequisites",
    "_require_running",
    "_require_within_ordinary_period",
    "_step",
    "_submit_online",
    "_third_party_answer",
    "_unarranged_note",
    "_withheld_parts",
    "abandon_for_no_correction",
    "abandon_for_unpaid_fee",
    "approve_extension",
    "confirm_receipt",
    "correction_period_end",
    "decide_appeal",
    "end_consultation",
    "fee_payment_deadline",
    "fee_period_end",
    "fee_proposal",
    "issue_fee_notice",
    "record_appeal",
    "record_correction",
    "record_delivery",
    "record_fee_notice_served",
    "record_payment",
    "record_reasons",
    "register_application",
    "reply",
    "request_correction",
    "request_extension",
    "request_reasons",
    "require_role",
    "set_later_date",
    "start_consultation",
    "submit_correction_online",
    "submit_online",
    "waive_fee",
    "withdraw",
]
