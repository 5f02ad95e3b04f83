from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "portal.workspace"
    label = "workspace"
    verbose_name = "企业工作台"
    default_auto_field = "django.db.models.BigAutoField"
