from django.urls import path

from gongkai.portal import (
    applications,
    catalogue,
    column,
    identity,
    policies,
    reports,
    standards,
    views,
)
from gongkai.portal.feeds import AgencyItemsFeed, PolicyLibraryFeed

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("agency/<str:prefix>/", views.agency_home, name="agency"),
    path("agency/<str:prefix>/apply/", applications.apply, name="apply"),
    path("agency/<str:prefix>/items/", catalogue.listing, name="items"),
    path("agency/<str:prefix>/guide/", column.guide, name="guide"),
    path("agency/<str:prefix>/handling/", identity.handling, name="handling"),
    path("agency/<str:prefix>/rules/", column.rules, name="rules"),
    path("agency/<str:prefix>/standards/", standards.standards, name="standards"),
    path("agency/<str:prefix>/reports/", column.reports, name="reports"),
    path("agency/<str:prefix>/reports/<int:year>/", reports.report_page, name="report"),
    path(
        "agency/<str:prefix>/reports/<int:year>/illustrated/",
        reports.illustrated,
        name="report_illustrated",
    ),
    path(
        "agency/<str:prefix>/reports/<int:year>/download/<str:fmt>/",
        reports.download,
        name="report_download",
    ),
    path("agency/<str:prefix>/feed/", AgencyItemsFeed(), name="feed"),
    path("agency/<str:prefix>/policies/", policies.library, name="policy_library"),
    path("agency/<str:prefix>/policies/xlsx/", policies.library_xlsx, name="policy_library_xlsx"),
    path("agency/<str:prefix>/policies/feed/", PolicyLibraryFeed(), name="policy_feed"),
    path("agency/<str:prefix>/consultations/", policies.consultations, name="consultations"),
    path("consultation/<int:pk>/", policies.consultation, name="consultation"),
    path("item/<int:pk>/", catalogue.item_page, name="item"),
    path("item/<int:pk>/files/<int:attachment_pk>/", catalogue.attachment, name="attachment"),
    path("search/", catalogue.search_page, name="search"),
    path("care/", identity.care, name="care"),
    path("site-map/", identity.site_map, name="site_map"),
    path("applied/<str:tracking_number>/", applications.applied, name="applied"),
    path("status/", applications.lookup, name="lookup"),
    path("status/code/", applications.resend_code, name="resend_code"),
    path("status/<str:tracking_number>/", applications.status, name="status"),
    path(
        "status/<str:tracking_number>/letters/<int:letter_pk>/",
        applications.letter,
        name="status_letter",
    ),
]
