from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "portal.services"
    label = "services"
    verbose_name = "企业服务"
    default_auto_field = "django.db.models.BigAutoField"
