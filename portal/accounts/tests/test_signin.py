"""Sign-in, lock-out after repeated failures, sign-out, idle expiry, password change."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from portal.accounts.models import Role, User
from portal.accounts.signin import MAX_FAILURES
from portal.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "Zjtx-Test-Pass-1"


@pytest.fixture
def bank_user() -> User:
    user = User(username="bank1", role=Role.BANK)
    user.set_password(PASSWORD)
    user.save()
    return user


def _post_login(client: Client, password: str) -> str:
    response = client.post("/accounts/login/", {"username": "bank1", "password": password})
    return response.content.decode()


def test_it_signs_in_and_lands_on_the_home_page(client: Client, bank_user: User) -> None:
    response = client.post("/accounts/login/", {"username": "bank1", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "金融机构" in client.get("/").content.decode()
    assert AuditEntry.objects.filter(action="login.success", target_id=str(bank_user.pk)).exists()


def test_an_anonymous_visit_is_sent_to_the_login_page(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_wrong_password_says_how_many_tries_are_left(client: Client, bank_user: User) -> None:
    page = _post_login(client, "wrong")
    assert "用户名或密码不正确" in page and f"再失败 {MAX_FAILURES - 1} 次" in page


def test_it_locks_the_account_after_repeated_failures(client: Client, bank_user: User) -> None:
    for _ in range(MAX_FAILURES):
        page = _post_login(client, "wrong")
    assert "账号已锁定" in page
    # Even the right password is refused while locked.
    assert "账号已锁定" in _post_login(client, PASSWORD)
    assert client.get("/").status_code == 302
    bank_user.refresh_from_db()
    assert bank_user.locked_until is not None and bank_user.locked_until > timezone.now()
    assert AuditEntry.objects.filter(action="login.refused_locked").exists()


def test_sign_out_needs_a_post(client: Client, bank_user: User) -> None:
    client.force_login(bank_user)
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_an_idle_session_expires(client: Client, bank_user: User, settings) -> None:
    settings.SESSION_IDLE_SECONDS = -1
    client.force_login(bank_user)
    client.get("/")  # first request records the time; the next one finds it stale
    response = client.get("/")
    assert response.status_code == 302


def test_the_password_can_be_changed(client: Client, bank_user: User) -> None:
    client.force_login(bank_user)
    response = client.post("/accounts/password/", {
        "old_password": PASSWORD, "new_password1": "Another-Pass-77",
        "new_password2": "Another-Pass-77"})
    assert response.status_code == 302
    bank_user.refresh_from_db()
    assert bank_user.check_password("Another-Pass-77")


def test_a_foreign_next_url_is_ignored(client: Client, bank_user: User) -> None:
    response = client.post("/accounts/login/?next=https://evil.example/",
                           {"username": "bank1", "password": PASSWORD})
    assert response["Location"] == "/"
