from django.urls import path

from portal.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.sign_in_view, name="login"),
    path("logout/", views.sign_out_view, name="logout"),
    path("password/", views.PasswordChange.as_view(), name="password_change"),
]
