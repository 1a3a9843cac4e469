from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Commands that span several apps (the demo, the synthetic province, flushing every
    table, recomputing open deadlines after a holiday import): they sit above the domain apps
    so that core imports none of them (DESIGN.md's layers)."""

    name = "gongkai.site"
    label = "site"
    verbose_name = "站点命令"
