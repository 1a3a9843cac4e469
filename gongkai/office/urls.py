from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.office import applications, views

app_name = "office"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="office/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("applications/", applications.inbox, name="inbox"),
    path("applications/new/", applications.new_application, name="application_new"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path(
        "applications/<int:pk>/<str:action>/",
        applications.application_action,
        name="application_action",
    ),
]
