from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.core.password import PasswordChangeView
from gongkai.office import (
    admin_pages,
    channels,
    checks,
    holidays,
    imports,
    interaction,
    selfcheck,
    standards,
    submissions,
    views,
)
from gongkai.office import applications as a
from gongkai.office import catalogue as c
from gongkai.office import policies as office_policies
from gongkai.office import reports as r
from gongkai.office import site_report as sr

app_name = "office"
login = auth_views.LoginView.as_view(
    template_name="office/login.html", redirect_authenticated_user=True
)
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", login, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", PasswordChangeView.as_view(), name="password_change"),
    path("admin/staff/", admin_pages.staff_page, name="admin_staff"),
    path("admin/staff/step/<str:action>/", admin_pages.staff_action, name="admin_staff_action"),
    path(
        "admin/staff/<int:pk>/<str:action>/",
        admin_pages.account_action,
        name="admin_account_action",
    ),
    path("admin/settings/", admin_pages.settings_page, name="admin_settings"),
    path(
        "admin/settings/agency/<str:action>/",
        admin_pages.settings_action,
        name="admin_settings_action",
    ),
    path(
        "admin/settings/identity/<str:action>/",
        admin_pages.identity_action,
        name="admin_identity_action",
    ),
    path("admin/letters/", admin_pages.letters_page, name="admin_letters"),
    path(
        "admin/letters/<str:kind>/<str:action>/",
        admin_pages.letter_template_action,
        name="admin_letter_template_action",
    ),
    path("items/", c.items, name="items"),
    path("items/new/", c.new_item, name="item_new"),
    path("items/<int:pk>/", c.item_detail, name="item"),
    path("items/import/", imports.catalogue_import, name="import"),
    path("items/import/step/<str:action>/", imports.import_action, name="import_action"),
    path("items/import/template.xlsx", imports.import_template, name="import_template"),
    path("items/<int:pk>/attachments/", c.attachment_add, name="item_attachment_add"),
    path(
        "items/<int:pk>/attachments/<int:attachment_pk>/",
        c.attachment_download,
        name="item_attachment",
    ),
    path(
        "items/<int:pk>/attachments/<int:attachment_pk>/remove/",
        c.attachment_remove,
        name="item_attachment_remove",
    ),
    path("items/<int:pk>/<str:action>/", c.item_action, name="item_action"),
    path("standards/", standards.catalogue_page, name="standards"),
    path("standards/register/", standards.register_page, name="standards_register"),
    path(
        "standards/register/<int:pk>/<str:action>/",
        standards.entry_action,
        name="standards_entry_action",
    ),
    path(
        "standards/row/<int:pk>/<str:action>/",
        standards.adoption_action,
        name="standards_adoption_action",
    ),
    path(
        "standards/step/<str:action>/",
        standards.catalogue_action,
        name="standards_catalogue_action",
    ),
    path(
        "standards/register/step/<str:action>/",
        standards.register_action,
        name="standards_register_action",
    ),
    path(
        "standards/item/<int:pk>/<str:action>/",
        standards.item_action,
        name="standards_item_action",
    ),
    path("standards/guide/<str:action>/", standards.guide_action, name="standards_guide_action"),
    path(
        "standards/workpoints/step/<str:action>/",
        standards.workpoints_action,
        name="standards_workpoints_action",
    ),
    path(
        "standards/workpoints/plan/<int:pk>/<str:action>/",
        standards.plan_action,
        name="standards_plan_action",
    ),
    path(
        "standards/workpoints/task/<int:pk>/<str:action>/",
        standards.task_action,
        name="standards_task_action",
    ),
    path(
        "standards/application/<int:pk>/<str:action>/",
        standards.application_action,
        name="standards_application_action",
    ),
    path("standards/import/", standards.import_page, name="standards_import"),
    path("standards/guide/", standards.guide_page, name="standards_guide"),
    path("standards/workpoints/", standards.workpoints_page, name="standards_workpoints"),
    path("standards/item/<int:pk>/", standards.item_page, name="standards_item"),
    path(
        "standards/application/<int:pk>/",
        standards.application_page,
        name="standards_application",
    ),
    path("channels/", channels.log, name="channels"),
    path("channels/step/<str:action>/", channels.log_action, name="channels_action"),
    path("channels/import/", standards.channel_import_page, name="channel_import"),
    path("monthly/", channels.monthly, name="monthly"),
    path("holidays/", holidays.upload, name="holidays"),
    path("reports/", r.report_list, name="reports"),
    path("reports/start/<int:year>/", r.report_start, name="report_start"),
    path("reports/rollup/", r.rollup, name="rollup"),
    path("reports/<int:pk>/", r.report_detail, name="report"),
    path("reports/<int:pk>/publish/", r.report_publish, name="report_publish"),
    path("reports/<int:pk>/step/<str:action>/", r.report_step, name="report_step"),
    path("reports/<int:pk>/download/<str:fmt>/", r.report_download, name="report_download"),
    path("submissions/", submissions.submissions, name="submissions"),
    path("submissions/new/", submissions.submission_new, name="submission_new"),
    path("submissions/counts.csv", submissions.submission_counts_csv, name="submission_counts_csv"),
    path(
        "submissions/reporting/<str:action>/",
        submissions.reporting_action,
        name="submission_reporting_action",
    ),
    path("submissions/<int:pk>/", submissions.submission_detail, name="submission"),
    path(
        "submissions/<int:pk>/<str:action>/",
        submissions.submission_action,
        name="submission_action",
    ),
    path("site-report/", sr.site_report, name="site_report"),
    path("site-report/start/<str:action>/", sr.site_report_start, name="site_report_start"),
    path("site-report/<int:pk>/<str:action>/", sr.site_report_action, name="site_report_action"),
    path(
        "site-report/<int:pk>/download/<str:fmt>/",
        sr.site_report_download,
        name="site_report_download",
    ),
    path("selfcheck/", selfcheck.agency_page, name="selfcheck"),
    path("selfcheck/county/", selfcheck.county_page, name="selfcheck_county"),
    path("applications/", a.inbox, name="inbox"),
    path("applications/new/", a.new_application, name="application_new"),
    path("applications/<int:pk>/", a.application_detail, name="application"),
    path("applications/<int:pk>/letters/", a.letter_new, name="letter_new"),
    path(
        "applications/<int:pk>/letters/<int:letter_pk>/step/<str:action>/",
        a.letter_update,
        name="letter_update",
    ),
    path(
        "applications/<int:pk>/letters/<int:letter_pk>/docx/",
        a.letter_download,
        name="letter_download",
    ),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/",
        a.attachment_download,
        name="attachment_download",
    ),
    path("applications/<int:pk>/<str:action>/", a.application_action, name="application_action"),
]
urlpatterns += [
    path("policies/", office_policies.register, name="policy_register"),
    path("policies/cleanup/<int:pk>/", office_policies.cleanup, name="policy_cleanup"),
    path("policies/consultations/", office_policies.consultations, name="consultations"),
    path(
        "policies/cleanup/<int:pk>/<str:action>/",
        office_policies.cleanup_action,
        name="cleanup_action",
    ),
    path("policies/consultations/<int:pk>/", office_policies.consultation, name="consultation"),
    path(
        "policies/consultations/<int:pk>/<str:action>/",
        office_policies.consultation_action,
        name="consultation_action",
    ),
    path(
        "policies/consultations/<int:pk>/comments/<int:comment>/<str:action>/",
        office_policies.comment_action,
        name="comment_action",
    ),
    path("policies/item/<int:pk>/<str:action>/", office_policies.item_action, name="policy_item"),
    path("policies/<str:action>/", office_policies.register_action, name="policy_action"),
]
urlpatterns += [
    path("messages/", interaction.inbox, name="messages"),
    path("messages/faq/<str:action>/", interaction.faq_action, name="faq_action"),
    path("messages/periods/", interaction.periods_page, name="answer_periods"),
    path(
        "messages/periods/<str:action>/",
        interaction.periods_action,
        name="answer_periods_action",
    ),
    path("messages/<int:pk>/", interaction.message_detail, name="message"),
    path("messages/<int:pk>/<str:action>/", interaction.message_action, name="message_action"),
]
urlpatterns += [
    path("checks/", checks.check_page, name="checks"),
    path("checks/published/", checks.check_published, name="check_published"),
    path("checks/<int:pk>/", checks.check_run, name="check_run"),
    path("checks/<int:pk>/findings.csv", checks.check_run_csv, name="check_run_csv"),
    path("checks/<int:pk>/files/<int:file_pk>/", checks.check_original, name="check_original"),
]
