from django.urls import path
from django.views.decorators.http import require_safe

from gongkai.portal import (
    applications,
    catalogue,
    column,
    identity,
    interaction,
    policies,
    reports,
    standards,
    views,
)
from gongkai.portal.feeds import AgencyItemsFeed, PolicyLibraryFeed

app_name = "portal"

# Every public page answers only GET and HEAD, except the forms, each of which carries its
# rate limit (gongkai.core.ratelimit.limited). tests/security/test_form_limits.py walks these
# URLs and fails on a view that takes a POST without a limit.


def _public(view):
    return view if hasattr(view, "limit") else require_safe(view)


urlpatterns = [
    path("", _public(views.home), name="home"),
    path("agency/<str:prefix>/", _public(views.agency_home), name="agency"),
    path("agency/<str:prefix>/apply/", _public(applications.apply), name="apply"),
    path("agency/<str:prefix>/items/", _public(catalogue.listing), name="items"),
    path("agency/<str:prefix>/guide/", _public(column.guide), name="guide"),
    path("agency/<str:prefix>/handling/", _public(identity.handling), name="handling"),
    path("agency/<str:prefix>/rules/", _public(column.rules), name="rules"),
    path("agency/<str:prefix>/standards/", _public(standards.standards), name="standards"),
    path("agency/<str:prefix>/reports/", _public(column.reports), name="reports"),
    path("agency/<str:prefix>/reports/<int:year>/", _public(reports.report_page), name="report"),
    path(
        "agency/<str:prefix>/reports/<int:year>/illustrated/",
        _public(reports.illustrated),
        name="report_illustrated",
    ),
    path(
        "agency/<str:prefix>/reports/<int:year>/download/<str:fmt>/",
        _public(reports.download),
        name="report_download",
    ),
    path("agency/<str:prefix>/feed/", _public(AgencyItemsFeed()), name="feed"),
    path("agency/<str:prefix>/policies/", _public(policies.library), name="policy_library"),
    path(
        "agency/<str:prefix>/policies/xlsx/",
        _public(policies.library_xlsx),
        name="policy_library_xlsx",
    ),
    path("agency/<str:prefix>/policies/feed/", _public(PolicyLibraryFeed()), name="policy_feed"),
    path(
        "agency/<str:prefix>/consultations/", _public(policies.consultations), name="consultations"
    ),
    path("consultation/<int:pk>/", _public(policies.consultation), name="consultation"),
    path("item/<int:pk>/", _public(catalogue.item_page), name="item"),
    path(
        "item/<int:pk>/files/<int:attachment_pk>/", _public(catalogue.attachment), name="attachment"
    ),
    path("search/", _public(catalogue.search_page), name="search"),
    path("care/", _public(identity.care), name="care"),
    path("site-map/", _public(identity.site_map), name="site_map"),
    path("agency/<str:prefix>/ask/", _public(interaction.ask), name="ask"),
    path("agency/<str:prefix>/faq/", _public(interaction.faq), name="faq"),
    path("agency/<str:prefix>/faq/<int:pk>/", _public(interaction.faq_entry), name="faq_entry"),
    path(
        "agency/<str:prefix>/suggestions/",
        _public(interaction.suggestions),
        name="item_suggestions",
    ),
    path("report-error/", _public(interaction.report_error), name="report_error"),
    path("messages/", _public(interaction.lookup), name="message_lookup"),
    path("messages/sent/<str:tracking_number>/", _public(interaction.sent), name="message_sent"),
    path("messages/<str:tracking_number>/", _public(interaction.status), name="message_status"),
    path("applied/<str:tracking_number>/", _public(applications.applied), name="applied"),
    path("status/", _public(applications.lookup), name="lookup"),
    path("status/code/", _public(applications.resend_code), name="resend_code"),
    path("status/<str:tracking_number>/", _public(applications.status), name="status"),
    path(
        "status/<str:tracking_number>/letters/<int:letter_pk>/",
        _public(applications.letter),
        name="status_letter",
    ),
]
