from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "gongkai.policies"
    label = "policies"
    verbose_name = "政策文件"

    def ready(self) -> None:
        import gongkai.policies.steps  # noqa: F401  (registers the declared steps)
        from gongkai.catalogue.transitions import NORMATIVE_REGISTRATION, PUBLICATION_CHECKS
        from gongkai.core.workbench import register
        from gongkai.inspection.checks import register_check
        from gongkai.policies.inspection import missing_interpretations
        from gongkai.policies.transitions import check_publication, register_at_drafting
        from gongkai.policies.workbench import policy_lines

        if check_publication not in PUBLICATION_CHECKS:
            PUBLICATION_CHECKS.append(check_publication)
        if register_at_drafting not in NORMATIVE_REGISTRATION:
            NORMATIVE_REGISTRATION.append(register_at_drafting)
        register(policy_lines)
        register_check(missing_interpretations)
