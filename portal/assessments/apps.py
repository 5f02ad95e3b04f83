from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "portal.assessments"
    label = "assessments"
    verbose_name = "梯度评估"
    default_auto_field = "django.db.models.BigAutoField"
