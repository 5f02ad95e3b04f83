from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "portal.notifications"
    label = "notifications"
    verbose_name = "站内消息"
    default_auto_field = "django.db.models.BigAutoField"
