from django.apps import AppConfig


class MigrationConfig(AppConfig):
    """Bringing an agency's existing site in (`gongkai migrate-site`): reads pages from a
    crawl, maps its columns to the agency's categories, writes items through the catalogue,
    links 解读 to their documents (policies). It spans apps, so it sits above them."""

    name = "gongkai.migration"
    label = "site_migration"
    verbose_name = "网站迁移"
