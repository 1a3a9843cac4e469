"""The check the declared-step tables share (issue 22, "Done means"): per object kind and
role, the steps offered — in order — and, for each refused one, the sentence that says why."""

from gongkai.core.steps import steps_for


def assert_offers(table: dict, objects: dict, person, *, today) -> None:
    """`table`: kind → role → (offered step names, {refused step: sentence});
    `person(role)`: the user who holds that role."""
    for kind, rows in table.items():
        for role, (offered, refused) in rows.items():
            offer = steps_for(objects[kind], person(role), today=today)
            assert (kind, role, offer.names) == (kind, role, offered)
            for step, sentence in refused.items():
                refusal = offer.refusal(step)
                got = refusal and refusal.sentence
                assert (kind, role, step, got) == (kind, role, step, sentence)
