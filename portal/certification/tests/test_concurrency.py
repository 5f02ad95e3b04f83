"""Two officials deciding the same application at the same moment: exactly one decision is
recorded. Needs PostgreSQL (row locks and real concurrent connections); SQLite serialises
every writer with BEGIN IMMEDIATE, so there is nothing to race there."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from portal.accounts.models import Role
from portal.certification.errors import CertificationError, StaleVersion
from portal.certification.models import Application, Status, Transition
from portal.certification.services import decisions
from portal.certification.services.decisions import Correction, application_decide
from portal.certification.tests import steps
from portal.certification.tests.fixtures import build_world, days, fresh, make_user

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="并发决定测试需要 PostgreSQL 的行锁与并发连接；"
                              "SQLite 下所有写事务串行执行"),
]
HOLD_SECONDS = 0.6


def _in_thread(results: dict[str, Any], name: str, work: Callable[[], Any]) -> threading.Thread:
    def run() -> None:
        try:
            work()
            results[name] = "ok"
        except CertificationError as error:
            results[name] = error
        finally:
            connection.close()
    return threading.Thread(target=run, name=name)


def _decide(app: Application, actor: Any, decision: str) -> Callable[[], Any]:
    return lambda: application_decide(
        application_id=app.pk, actor=actor, decision=decision, expected_version=1,
        reason="并发测试", correction=Correction("补充审计报告", days(5)))


@pytest.fixture
def racing(transactional_db: None) -> tuple[Application, Any, Any]:
    world = build_world()
    app = steps.apply(world)
    colleague = make_user("town_2", Role.TOWN, world.regions["town"])
    return app, world.user("town"), colleague


def test_a_second_decision_waits_for_the_lock_and_is_refused(
        racing: tuple[Application, Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The first official holds the row lock for a while; the second one's decision blocks
    on it and, once the first commits, finds the version moved on."""
    app, first, second = racing
    holding = threading.Event()
    original = decisions.locked

    def slow_locked(application_id: int, expected_version: int | None = None) -> Application:
        locked_app = original(application_id, expected_version)
        if threading.current_thread().name == "first":
            holding.set()
            time.sleep(HOLD_SECONDS)
        return locked_app

    monkeypatch.setattr(decisions, "locked", slow_locked)
    results: dict[str, Any] = {}
    one = _in_thread(results, "first", _decide(app, first, "approve"))
    two = _in_thread(results, "second", _decide(app, second, "return"))
    one.start()
    assert holding.wait(10)
    started = time.monotonic()
    two.start()
    one.join(20)
    two.join(20)
    waited = time.monotonic() - started
    assert results["first"] == "ok"
    assert isinstance(results["second"], StaleVersion)
    assert waited >= HOLD_SECONDS / 2  # the second really waited on the first's lock
    assert fresh(app).status == Status.REVIEW and fresh(app).current_level == "district"
    assert Transition.objects.filter(application=app).exclude(action="submit").count() == 1


def test_two_simultaneous_decisions_cannot_both_succeed(
        racing: tuple[Application, Any, Any]) -> None:
    app, first, second = racing
    barrier = threading.Barrier(2)
    results: dict[str, Any] = {}

    def at_once(work: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            barrier.wait(10)
            return work()
        return run

    threads = [_in_thread(results, "approve", at_once(_decide(app, first, "approve"))),
               _in_thread(results, "return", at_once(_decide(app, second, "return")))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    outcomes = sorted("ok" if r == "ok" else type(r).__name__ for r in results.values())
    assert outcomes == ["StaleVersion", "ok"]
    decided = Transition.objects.filter(application=app).exclude(action="submit")
    assert decided.count() == 1
    winner = decided.get()
    assert fresh(app).status == (Status.REVIEW if winner.action == "approve"
                                 else Status.CORRECTION)
