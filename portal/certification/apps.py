from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "portal.certification"
    label = "certification"
    verbose_name = "认定与复核"
    default_auto_field = "django.db.models.BigAutoField"
