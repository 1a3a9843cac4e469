from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "gongkai.visits"
    label = "visits"
    verbose_name = "网站访问量"
