from django.apps import AppConfig


class IndustriesConfig(AppConfig):
    name = "portal.industries"
    label = "industries"
    verbose_name = "行业与产业集群"
