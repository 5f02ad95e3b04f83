"""The permission matrix: every role against every URL name in the URL conf, with real ids of
enterprises inside and outside each role's scope, plus forged ids in URLs and form fields.

The matrix is generated from the URL conf: a view added without a rule here fails
``test_it_has_a_rule_for_every_url_name``, so nobody ships a page whose access was never decided.
Admin URLs follow one rule (staff only), checked for every admin URL name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib import admin
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portal.audit.models import AuditEntry
from portal.enterprises.models import Enterprise, Fact
from tests.world import World, build_world

ROLES = ("anonymous", "province", "suzhou", "wujiang", "town", "enterprise", "commissioner",
         "expert", "bank", "admin")
OFFICIALS = {"province", "suzhou", "wujiang", "town", "admin"}
TARGETS = ("inside", "suzhou", "outside")
# Which of the world's enterprises each login may see (tests/world.py places them).
SEES: dict[str, set[str]] = {
    "anonymous": set(), "province": set(TARGETS), "admin": set(TARGETS),
    "suzhou": {"inside", "suzhou"}, "wujiang": {"inside"}, "town": {"inside"},
    "enterprise": {"inside"}, "commissioner": {"inside"}, "expert": {"inside"}, "bank": set(),
}
LOGIN = "/accounts/login/"


# --- the rules ------------------------------------------------------------------------------

def enterprise_page(role: str, target: str | None) -> int:
    """Pages about one enterprise: its scope sees it, others get 404, banks 403."""
    if role == "anonymous":
        return 302
    if role == "bank":
        return 403
    return 200 if target in SEES[role] else 404


def own_enterprise_only(role: str, target: str | None) -> int:
    """Self-assessment: only the enterprise's own user; other viewers who can see it 403."""
    seen = enterprise_page(role, target)
    if seen != 200:
        return seen
    return 200 if role == "enterprise" else 403


def enterprise_list(role: str, target: str | None) -> int:
    return {"anonymous": 302, "bank": 403, "enterprise": 302}.get(role, 200)


def export_list(role: str, target: str | None) -> int:
    return {"anonymous": 302, "bank": 403}.get(role, 200)


def dashboard(role: str, target: str | None) -> int:
    if role == "anonymous":
        return 302
    return 200 if role in OFFICIALS else 302  # others are sent home with a message


def signed_in(role: str, target: str | None) -> int:
    return 302 if role == "anonymous" else 200


def anyone(status: int) -> Callable[[str, str | None], int]:
    return lambda role, target: status


def table(statuses: str) -> Callable[[str, str | None], int]:
    """Expected statuses written as one row of the matrix, in ROLES order."""
    row = dict(zip(ROLES, (int(s) for s in statuses.split()), strict=True))
    return lambda role, target: row[role]


@dataclass(frozen=True)
class Rule:
    expect: Callable[[str, str | None], int]
    per_enterprise: bool = False
    method: str = "get"
    kwargs: dict[str, Any] = field(default_factory=dict)
    data: dict[str, str] = field(default_factory=dict)


# An id that names nothing: for a role allowed to act on such objects the answer is 404, for
# one that is not it is 403 (or 404 where the object's scope is checked first). Every role but
# the anonymous visitor gets exactly one of those, never a page.
FORGED = {"pk": 999_999}


def forged(statuses: str, method: str = "get") -> Rule:
    return Rule(table(statuses), method=method, kwargs=FORGED)


RULES: dict[str, Rule] = {
    "home": Rule(signed_in),
    "accounts:login": Rule(anyone(200)),
    "accounts:logout": Rule(anyone(302), method="post"),
    "accounts:password_change": Rule(signed_in),
    "dashboards:overview": Rule(dashboard),
    "workspace:list": Rule(enterprise_list),
    "workspace:export": Rule(export_list),
    "workspace:detail": Rule(enterprise_page, per_enterprise=True),
    "workspace:ladder": Rule(enterprise_page, per_enterprise=True),
    "workspace:figures": Rule(enterprise_page, per_enterprise=True),
    "workspace:fact_history": Rule(enterprise_page, per_enterprise=True,
                                   kwargs={"indicator": "revenue"}),
    "workspace:fact_history_year": Rule(enterprise_page, per_enterprise=True,
                                        kwargs={"indicator": "revenue", "year": 2024}),
    "workspace:records": Rule(enterprise_page, per_enterprise=True),
    "workspace:history": Rule(enterprise_page, per_enterprise=True),
    "workspace:report": Rule(enterprise_page, per_enterprise=True),
    "workspace:report_pdf": Rule(enterprise_page, per_enterprise=True),
    "workspace:self_assessment": Rule(own_enterprise_only, per_enterprise=True),
    "workspace:self_assessment_preview": Rule(own_enterprise_only, per_enterprise=True,
                                              method="post"),
    # The pool (portal.pool.access): officials view, province/city/district decide, the
    # province publishes the year's list; experts may nominate.
    #                         ano pro suz wuj tow ent com exp ban adm
    "pool:list": Rule(table("302 200 200 200 200 302 403 403 403 200")),
    "pool:export": Rule(table("302 200 200 200 200 403 403 403 403 200")),
    "pool:requests": Rule(table("302 200 200 200 200 403 403 403 403 200")),
    "pool:candidates": Rule(table("302 200 200 200 200 403 403 403 403 200")),
    "pool:nominate": Rule(table("302 200 200 200 200 403 403 200 403 200")),
    "pool:reviews": Rule(table("302 200 200 200 200 403 403 403 403 200")),
    "pool:years": Rule(table("302 200 200 200 200 403 403 403 403 200")),
    "pool:diff": Rule(table("302 200 200 200 200 403 403 403 403 200")),
    "pool:diff_export": Rule(table("302 302 302 302 302 403 403 403 403 302")),
    "pool:select": Rule(table("302 302 302 302 403 403 403 403 403 302"), method="post"),
    "pool:screening_refresh": Rule(table("302 302 302 302 403 403 403 403 403 302"),
                                   method="post"),
    "pool:review_start": Rule(table("302 302 302 302 403 403 403 403 403 302"),
                              method="post"),
    "pool:snapshot_take": Rule(table("302 302 403 403 403 403 403 403 403 302"),
                               method="post"),
    "pool:enterprise": forged("302 404 404 404 404 404 404 404 403 404"),
    "pool:apply": forged("302 404 404 404 404 404 404 404 403 404", "post"),
    "pool:focus_override": forged("302 404 404 404 403 403 403 403 403 404", "post"),
    "pool:request_decide": forged("302 404 404 404 403 403 403 403 403 404", "post"),
    "pool:screening_progress": forged("302 404 404 404 404 403 403 403 403 404"),
    "pool:review": forged("302 404 404 404 404 403 403 403 403 404"),
    "pool:review_progress": forged("302 404 404 404 404 403 403 403 403 404"),
    "pool:review_confirm_bulk": forged("302 404 404 404 403 403 403 403 403 404", "post"),
    "pool:review_decide": forged("302 404 404 404 403 403 403 403 403 404", "post"),
    "pool:snapshot": forged("302 404 404 404 404 403 403 403 403 404"),
    "pool:snapshot_export": forged("302 404 404 404 404 403 403 403 403 404"),
    # Certification: officials run rounds and decide, enterprises apply, experts score.
    #                         ano pro suz wuj tow ent com exp ban adm
    "certification:home": Rule(table("302 302 302 302 302 200 403 302 403 302")),
    "certification:rounds": Rule(table("302 200 200 200 200 200 403 200 403 200")),
    "certification:round_create": Rule(table("302 200 403 403 403 403 403 403 403 200")),
    "certification:queue": Rule(table("302 200 200 200 200 403 403 403 403 200")),
    "certification:reviews": Rule(table("302 403 403 403 403 403 403 200 403 403")),
    "certification:revocations": Rule(table("302 200 200 200 200 200 403 403 403 200")),
    "certification:bulk_approve": Rule(table("302 302 302 302 302 403 403 403 403 302"),
                                       method="post"),
    "certification:round": forged("302 404 404 404 404 404 403 404 403 404"),
    "certification:apply": forged("302 403 403 403 403 404 403 403 403 403"),
    "certification:application": forged("302 404 404 404 404 404 404 404 404 404"),
    "certification:print": forged("302 404 404 404 404 404 404 404 404 404"),
    "certification:attachment": forged("302 404 404 404 404 404 404 404 404 404"),
    "certification:score": forged("302 404 404 404 404 404 404 404 404 404"),
    "certification:revoke": forged("302 404 404 404 403 403 403 403 403 403"),
    "certification:resubmit": forged("302 404 404 404 404 404 404 404 404 404", "post"),
    "certification:attach": forged("302 404 404 404 404 404 404 404 404 404", "post"),
    "certification:decide": forged("302 404 404 404 404 404 404 404 404 404", "post"),
    "certification:assign_experts": forged("302 404 404 404 404 404 404 404 404 404", "post"),
    "certification:publish": forged("302 404 404 404 404 404 404 404 404 404", "post"),
    "certification:object": forged("302 404 404 404 404 404 404 404 404 404", "post"),
    "certification:certify": forged("302 404 404 404 404 404 404 404 404 404", "post"),
    "certification:resolve": forged("302 404 404 404 404 404 404 404 404 404", "post"),
    # Notifications: everyone signed in has an inbox of their own.
    "notifications:inbox": Rule(signed_in),
    "notifications:read_all": Rule(table("302 302 302 302 302 302 302 302 302 302"),
                                   method="post"),
    "notifications:open": forged("302 404 404 404 404 404 404 404 404 404", "post"),
}


# --- the cultivation pool (portal/pool/access.py): viewers see, deciders decide, the province
# publishes; ids of pool records that do not exist answer 404 to those allowed, 403 to others.
POOL_VIEWERS = {"province", "suzhou", "wujiang", "town", "admin"}
POOL_DECIDERS = POOL_VIEWERS - {"town"}
MISSING = {"pk": 999_999}


def pool_role(allowed: set[str], status: int = 200) -> Callable[[str, str | None], int]:
    def expect(role: str, target: str | None) -> int:
        if role == "anonymous":
            return 302
        return status if role in allowed else 403
    return expect


def pool_list(role: str, target: str | None) -> int:
    return 302 if role == "enterprise" else pool_role(POOL_VIEWERS)(role, target)


def own_enterprise_post(role: str, target: str | None) -> int:
    seen = enterprise_page(role, target)
    if seen != 200:
        return seen
    return 302 if role == "enterprise" else 403


RULES.update({
    "pool:list": Rule(pool_list),
    "pool:export": Rule(pool_role(POOL_VIEWERS)),
    "pool:enterprise": Rule(enterprise_page, per_enterprise=True),
    "pool:apply": Rule(own_enterprise_post, per_enterprise=True, method="post"),
    "pool:focus_override": Rule(pool_role(POOL_DECIDERS, 404), method="post", kwargs=MISSING),
    "pool:requests": Rule(pool_role(POOL_VIEWERS)),
    "pool:request_decide": Rule(pool_role(POOL_DECIDERS, 404), method="post", kwargs=MISSING),
    "pool:nominate": Rule(pool_role(POOL_VIEWERS | {"expert"})),
    "pool:candidates": Rule(pool_role(POOL_VIEWERS)),
    "pool:select": Rule(pool_role(POOL_DECIDERS, 302), method="post"),
    "pool:screening_refresh": Rule(pool_role(POOL_DECIDERS, 302), method="post"),
    "pool:screening_progress": Rule(pool_role(POOL_VIEWERS, 404), kwargs=MISSING),
    "pool:reviews": Rule(pool_role(POOL_VIEWERS)),
    "pool:review_start": Rule(pool_role(POOL_DECIDERS, 302), method="post"),
    "pool:review": Rule(pool_role(POOL_VIEWERS, 404), kwargs=MISSING),
    "pool:review_progress": Rule(pool_role(POOL_VIEWERS, 404), kwargs=MISSING),
    "pool:review_confirm_bulk": Rule(pool_role(POOL_DECIDERS, 404), method="post",
                                     kwargs=MISSING),
    "pool:review_decide": Rule(pool_role(POOL_DECIDERS, 404), method="post", kwargs=MISSING),
    "pool:years": Rule(pool_role(POOL_VIEWERS)),
    "pool:snapshot_take": Rule(pool_role({"province", "admin"}, 302), method="post"),
    "pool:snapshot": Rule(pool_role(POOL_VIEWERS, 404), kwargs=MISSING),
    "pool:snapshot_export": Rule(pool_role(POOL_VIEWERS, 404), kwargs=MISSING),
    "pool:diff": Rule(pool_role(POOL_VIEWERS)),
    "pool:diff_export": Rule(pool_role(POOL_VIEWERS, 302)),
})

# --- certification and notifications (portal/certification, portal/notifications): pages by
# role; ids that do not exist (applications, rounds, objections, attachments, messages) answer
# 404 to those allowed to look.
SIGNED_IN = set(ROLES) - {"anonymous"}
CERT_OFFICIALS = {"province", "suzhou", "wujiang", "town", "admin"}
CERT_VIEWERS = SIGNED_IN - {"bank", "commissioner"}
CERT_MISSING = {"pk": 999_999}


def certification_role(allowed: set[str], status: int = 200,
                       ) -> Callable[[str, str | None], int]:
    def expect(role: str, target: str | None) -> int:
        if role == "anonymous":
            return 302
        return status if role in allowed else 403
    return expect


def certification_home(role: str, target: str | None) -> int:
    """Officials are sent to their queue, experts to their reviews; enterprises stay."""
    if role == "anonymous":
        return 302
    if role in ("bank", "commissioner"):
        return 403
    return 200 if role == "enterprise" else 302


def application_page(method: str = "get") -> Rule:
    return Rule(certification_role(SIGNED_IN, 404), method=method, kwargs=CERT_MISSING)


RULES.update({
    "certification:home": Rule(certification_home),
    "certification:rounds": Rule(certification_role(CERT_VIEWERS)),
    "certification:round_create": Rule(certification_role({"province", "admin"})),
    "certification:round": Rule(certification_role(CERT_VIEWERS, 404), kwargs=CERT_MISSING),
    "certification:apply": Rule(certification_role({"enterprise"}, 404), kwargs=CERT_MISSING),
    "certification:queue": Rule(certification_role(CERT_OFFICIALS)),
    "certification:bulk_approve": Rule(certification_role(CERT_OFFICIALS, 302),
                                       method="post"),
    "certification:application": application_page(),
    "certification:print": application_page(),
    "certification:score": application_page(),
    "certification:attachment": application_page(),
    "certification:resubmit": application_page("post"),
    "certification:attach": application_page("post"),
    "certification:decide": application_page("post"),
    "certification:assign_experts": application_page("post"),
    "certification:publish": application_page("post"),
    "certification:object": application_page("post"),
    "certification:certify": application_page("post"),
    "certification:resolve": application_page("post"),
    "certification:reviews": Rule(certification_role({"expert"})),
    "certification:revocations": Rule(certification_role(
        SIGNED_IN - {"bank", "commissioner", "expert"})),
    "certification:revoke": Rule(certification_role({"province", "suzhou", "wujiang"}, 404),
                                 kwargs=CERT_MISSING),
    "notifications:inbox": Rule(signed_in),
    "notifications:open": application_page("post"),
    "notifications:read_all": Rule(anyone(302), method="post"),
})


def url_names(patterns: list[Any] | None = None, namespace: str = "") -> Iterator[str]:
    """Every named route in the URL conf, namespaced ("workspace:detail")."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            prefix = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def is_admin(name: str) -> bool:
    return name.startswith("admin:")


def test_it_has_a_rule_for_every_url_name() -> None:
    names = set(url_names())
    unruled = sorted(n for n in names if n not in RULES and not is_admin(n))
    assert not unruled, f"这些页面没有权限规则，请在 RULES 中补充：{unruled}"
    stale = sorted(set(RULES) - names)
    assert not stale, f"RULES 中的页面已不存在：{stale}"
    assert any(is_admin(n) for n in names)


# --- running the matrix ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once for the module (the population load takes seconds) and committed; each
    test runs in a transaction rolled back over it, and the module leaves the database as
    flush leaves it, as every other test module expects."""
    from django.core.management import call_command
    from django.test import override_settings

    from tests.conftest import FAST_HASHERS

    with django_db_blocker.unblock():
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
            world = build_world()
        try:
            yield world
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def world(db: None, built_world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    # The PDF is rendered by headless Chromium (seconds each); its access rule is what is
    # tested here, so the renderer is replaced by a stand-in that returns a PDF header.
    from portal.workspace import pdf

    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: b"%PDF-1.7 matrix")
    return built_world


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def request(client: Client, name: str, rule: Rule, enterprise: Enterprise | None) -> Any:
    kwargs = dict(rule.kwargs)
    if enterprise is not None:
        kwargs["pk"] = enterprise.pk
    url = reverse(name, kwargs=kwargs or None)
    return getattr(client, rule.method)(url, rule.data)


def check(response: Any, expected: int, enterprise: Enterprise | None) -> str | None:
    """None when the response is what the rule expects, else why not."""
    if response.status_code != expected:
        return f"得到 {response.status_code}，应为 {expected}"
    if expected == 404 and enterprise is not None and enterprise.name in response.content.decode():
        return "404 页面泄露了企业名称"
    location = response.get("Location", "")
    if expected == 302 and response.wsgi_request.user.is_anonymous and not (
            location.startswith(LOGIN) or "logout" in response.wsgi_request.path):
        return f"未登录用户被重定向到 {location}，而不是登录页"
    return None


def test_it_gives_every_role_exactly_its_access_to_every_page(world: World) -> None:
    targets = {"inside": world.inside, "suzhou": world.suzhou, "outside": world.outside}
    wrong = []
    for role in ROLES:
        signed_in_client = client_for(world, role)
        for name, rule in RULES.items():
            cases = targets.items() if rule.per_enterprise else [(None, None)]
            for key, enterprise in cases:
                # Signing out ends the session the other requests share.
                client = client_for(world, role) if name == "accounts:logout" else signed_in_client
                response = request(client, name, rule, enterprise)
                problem = check(response, rule.expect(role, key), enterprise)
                if problem:
                    wrong.append(f"{role:<12} {name:<36} {key or '':<8} {problem}")
    assert not wrong, "权限矩阵不符：\n" + "\n".join(wrong)


# --- the admin ------------------------------------------------------------------------------

def admin_routes() -> dict[str, tuple[type[Model], bool]]:
    """Admin URL name → (the model whose admin serves it, whether it takes an object id),
    read from each ModelAdmin's own URL patterns (custom ones included)."""
    routes: dict[str, tuple[type[Model], bool]] = {}
    for model, model_admin in admin.site._registry.items():
        for pattern in model_admin.get_urls():
            if isinstance(pattern, URLPattern) and pattern.name:
                routes[f"admin:{pattern.name}"] = (model, bool(pattern.pattern.regex.groups))
    return routes


def admin_url(name: str, routes: dict[str, tuple[type[Model], bool]]) -> str:
    """A concrete URL for an admin route. A model without rows gets a missing id: the admin
    then answers staff with a redirect, which still tells staff from non-staff."""
    from django.contrib.contenttypes.models import ContentType

    route = name.removeprefix("admin:")
    if route == "app_list":
        return reverse(name, kwargs={"app_label": "enterprises"})
    if route == "view_on_site":
        enterprise = Enterprise.objects.order_by("pk").first()
        assert enterprise is not None
        return reverse(name, args=[ContentType.objects.get_for_model(Enterprise).pk,
                                   enterprise.pk])
    if name not in routes or not routes[name][1]:
        return reverse(name)
    instance = routes[name][0]._default_manager.order_by("pk").first()
    return reverse(name, args=[instance.pk if instance is not None else 0])


# For staff: the login page sends them on, logging out is POST only, autocomplete needs its
# query parameters, and enterprises have no public page.
ADMIN_STAFF_STATUS = {"admin:login": 302, "admin:logout": 405, "admin:autocomplete": 403,
                      "admin:view_on_site": 404}


def staff_expects(name: str, staff: Any) -> set[int]:
    """What staff get: a page or a redirect, except where the model's admin withholds the
    permission (read-only tables such as the audit log and facts: no add, no delete)."""
    if name in ADMIN_STAFF_STATUS:
        return {ADMIN_STAFF_STATUS[name]}
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = staff
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name == f"{prefix}add" and not model_admin.has_add_permission(request):
            return {403}
        if name == f"{prefix}delete" and not model_admin.has_delete_permission(request):
            return {403}
    return {200, 302}


def test_it_keeps_every_admin_page_for_staff_only(world: World) -> None:
    routes = admin_routes()
    names = sorted(n for n in set(url_names()) if is_admin(n))
    wrong = []
    clients = {role: client_for(world, role) for role in ROLES}
    for name in names:
        url = admin_url(name, routes)
        for role in ROLES:
            response = clients[role].get(url)
            staff = role != "anonymous" and world.users[role].is_staff
            if name == "admin:login" and not staff:
                ok = response.status_code == 200
            elif staff:
                ok = response.status_code in staff_expects(name, world.users[role])
            else:
                # Non-staff are sent to the admin's sign-in page (from its sign-out page, to
                # its index, which then does the same).
                target = reverse("admin:index" if name == "admin:logout" else "admin:login")
                ok = (response.status_code == 302
                      and response["Location"].startswith(target))
            if not ok:
                wrong.append(f"{role:<12} {name:<50} {response.status_code}")
    assert {"admin", "province"} <= set(ROLES)
    assert not wrong, "管理后台权限不符：\n" + "\n".join(wrong)


# --- forged ids in forms and filters --------------------------------------------------------

def written(enterprise: Enterprise) -> tuple[int, int]:
    return (Fact.objects.filter(enterprise=enterprise).count(),
            AuditEntry.objects.filter(target_id=str(enterprise.pk)).count())


def self_assessment_post(client: Client, enterprise: Enterprise, revenue_wan: str) -> Any:
    from portal.workspace.forms import field_name

    year = _fiscal_year()
    return client.post(reverse("workspace:self_assessment", args=[enterprise.pk]),
                       {field_name("revenue", year): revenue_wan})


def _fiscal_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year - 1


@pytest.mark.parametrize("target", ["suzhou", "outside"])
def test_it_refuses_a_self_assessment_posted_for_another_enterprise(
        world: World, target: str) -> None:
    forged = getattr(world, target)
    before = written(forged)
    response = self_assessment_post(client_for(world, "enterprise"), forged, "98765.4321")
    assert response.status_code == 404
    assert written(forged) == before


def test_it_refuses_a_self_assessment_from_an_official_who_can_see_the_enterprise(
        world: World) -> None:
    before = written(world.inside)
    response = self_assessment_post(client_for(world, "wujiang"), world.inside, "98765.4321")
    assert response.status_code == 403
    assert written(world.inside) == before


def test_it_saves_a_self_assessment_posted_for_the_users_own_enterprise(world: World) -> None:
    # The positive control: the same request for the user's own enterprise writes a version.
    before = written(world.inside)
    response = self_assessment_post(client_for(world, "enterprise"), world.inside, "98765.4321")
    assert response.status_code == 302
    assert written(world.inside)[0] > before[0]
    current = Fact.objects.get(enterprise=world.inside, indicator="revenue",
                               year=_fiscal_year(), superseded_at__isnull=True)
    assert current.value_int == 987_654_321  # 98765.4321 万元 in 元


def test_it_answers_404_to_an_export_naming_an_enterprise_outside_the_scope(
        world: World) -> None:
    client = client_for(world, "wujiang")
    url = reverse("workspace:export")
    assert client.get(url, {"id": [world.inside.pk]}).status_code == 200
    assert client.get(url, {"id": [world.outside.pk]}).status_code == 404
    assert client.get(url, {"id": [world.inside.pk, world.suzhou.pk]}).status_code == 404


def test_it_lists_nothing_for_a_region_filter_outside_the_scope(world: World) -> None:
    response = client_for(world, "suzhou").get(reverse("workspace:list"),
                                               {"region": world.outside.region_id})
    page = response.content.decode()
    assert response.status_code == 200
    assert world.outside.name not in page
    assert 'data-testid="enterprise-row"' not in page
