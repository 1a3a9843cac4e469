from django.urls import path

from gongkai.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("agency/<str:prefix>/", views.agency_home, name="agency"),
]
