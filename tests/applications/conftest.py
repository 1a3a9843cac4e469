from datetime import date

import pytest

from gongkai.applications.models import ApplicantType, DeliveryWay, IdType, ProvisionForm
from gongkai.applications.transitions import register_application
from gongkai.statute.deadlines import Channel

APPLICANT = {
    "applicant_type": ApplicantType.NATURAL,
    "applicant_name": "陈一鸣（测试）",
    "id_type": IdType.RESIDENT_ID,
    "id_number": "11010519491231002X",
    "phone": "13800000000",
    "email": "applicant@example.cn",
    "information_title": "2024年青石镇低保资金发放明细",
    "provision_form": ProvisionForm.ELECTRONIC,
    "delivery_way": DeliveryWay.EMAIL,
}


@pytest.fixture
def in_person(township, clerk):
    """An application handed in at the counter; returns a factory taking the day."""

    def make(on: date, **changes):
        application, _code = register_application(
            township,
            by=clerk,
            channel=Channel.IN_PERSON,
            submitted_on=on,
            today=on,
            **{**APPLICANT, **changes},
        )
        return application

    return make
