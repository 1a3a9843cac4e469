from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "gongkai.policies"
    label = "policies"
    verbose_name = "政策文件"

    def ready(self) -> None:
        import gongkai.policies.steps  # noqa: F401  (registers the declared steps)
        from gongkai.catalogue.transitions import (
            NORMATIVE_PUBLICATION,
            NORMATIVE_REGISTRATION,
            PUBLICATION_CHECKS,
            VALIDITY_CHECKS,
            VALIDITY_KEPT_ELSEWHERE,
        )
        from gongkai.catalogue.workbench import ITEM_RIDERS
        from gongkai.core.workbench import register, register_columns
        from gongkai.policies.transitions import (
            check_publication,
            check_validity_change,
            publish_with_interpretation,
            register_at_drafting,
            validity_kept_in_register,
        )
        from gongkai.policies.workbench import documents_due, documents_rider, policy_lines

        PUBLICATION_CHECKS.register(check_publication)
        NORMATIVE_REGISTRATION.register(register_at_drafting)
        NORMATIVE_PUBLICATION.register(publish_with_interpretation)
        VALIDITY_CHECKS.register(check_validity_change)
        VALIDITY_KEPT_ELSEWHERE.register(validity_kept_in_register)
        register(policy_lines)
        ITEM_RIDERS.register(documents_rider)
        register_columns(documents_due)
