from django.apps import AppConfig


class PoolAppConfig(AppConfig):
    name = "portal.pool"
    label = "pool"
    verbose_name = "培育库"
    default_auto_field = "django.db.models.BigAutoField"
