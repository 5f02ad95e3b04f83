"""Sign in, sign out, change password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.accounts.forms import SignInForm
from portal.accounts.signin import sign_in


def sign_in_view(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = sign_in(request, form.cleaned_data["username"], form.cleaned_data["password"])
        if result.user is not None:
            login(request, result.user)
            return redirect(_next_url(request))
        form.add_error(None, result.message)
    return render(request, "accounts/login.html", {"form": form})


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@require_POST
def sign_out_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "已退出登录。")
    return redirect("accounts:login")


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.success(self.request, "密码已修改。")
        return super().form_valid(form)
