"""Benchmark: the enterprise list page under concurrent load, on PostgreSQL.

    python -m bench.list_bench [--enterprises 100000] [--clients 20] [--requests 40]
                               [--database zjtx_bench] [--rebuild] [--profile]

Builds (or reuses) a dedicated PostgreSQL database on 127.0.0.1:5432 with ``--enterprises``
generated enterprises, their facts, titles and stored assessment results; starts the site
under gunicorn as deployed (config/gunicorn.conf.py) on a free loopback port with DEBUG off;
signs each client in as the province user; then sends the list page with varying filters and
pages from ``--clients`` threads (a bounded number of requests per client and a time limit)
and prints p50/p95/p99 latency and throughput against a baseline measured in the same run
with one client.
``--profile`` also times every SQL query of each URL in-process and prints the slowest.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import runpy
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
TARGET_P95_MS = 300.0
SEED = 2026
LOAD_CHUNK = 10_000
# Enterprises loaded through the registry's loader; the rest are SQL copies of these.
BASE = 10_000
TIME_LIMIT_S = 180.0
# Filters a provincial official uses on the list page; each request picks one and a page.
FILTERS = ("", "region=320500", "region=320509", "region=320100", "industry=C34",
           "industry=C", "title=srdi_sme", "title=little_giant", "ready=srdi_sme:province",
           "ready=innovative_sme:province", "q=科技", "sort=-updated", "sort=region",
           "region=320500&title=innovative_sme", "cluster=js13-01", "pool=in",
           "pool=in:recommend")


# --- the database -------------------------------------------------------------------------

def ensure_database(name: str, rebuild: bool) -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def configure_django(database_url: str) -> None:
    os.environ.update(DATABASE_URL=database_url, DEBUG="0", ALLOWED_HOSTS=HOST,
                      DJANGO_SETTINGS_MODULE="config.settings")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    import django

    django.setup()


def populate(count: int) -> None:
    """Migrate, load reference data and ``BASE`` generated enterprises through the registry's
    own loader, assess them, then replicate them in SQL up to ``count`` (see replicate)."""
    from django.core.management import call_command
    from django.db import connection

    from portal.demo.logins import ensure_demo_logins
    from portal.demo.reference import load_reference_data
    from portal.enterprises.models import Enterprise

    call_command("migrate", verbosity=0)
    for line in load_reference_data():
        print(line)
    base = min(count, BASE)
    have = Enterprise.objects.count()
    ensure_demo_logins()
    if have < count:
        if have < base:
            _load_enterprises(base, have)
        _assess_population()
        _seed_pool()
        replicate(count)
    with connection.cursor() as cursor:
        # As autovacuum would have by now: statistics, and the visibility map that lets
        # COUNT(*) read the primary-key index alone (13 ms instead of 43 ms at 100k).
        for table in ("enterprises_enterprise", "enterprises_title", "assessments_assessment",
                      "regions_region", "django_session", "enterprises_enterprise_clusters",
                      "pool_poolmembership", "pool_entryrequest"):
            cursor.execute(f"VACUUM ANALYZE {table}")


def _load_enterprises(count: int, have: int) -> None:
    import population
    from portal.enterprises.loading import load_population

    started = time.perf_counter()
    print(f"生成 {count} 家企业（种子 {SEED}），已有 {have} 家")
    frame = population.generate(count, SEED)
    for start in range(0, frame.height, LOAD_CHUNK):
        load_population(frame.slice(start, LOAD_CHUNK), actor=None)
        print(f"  已载入 {min(start + LOAD_CHUNK, frame.height)}/{frame.height}"
              f"（{time.perf_counter() - started:.0f} 秒）", flush=True)


def _assess_population() -> None:
    from portal.assessments.services import population_assess

    started = time.perf_counter()
    population_assess(progress=lambda done, total, message: print(f"  {message}", flush=True))
    print(f"批量评估完成（{time.perf_counter() - started:.0f} 秒）")


def _seed_pool() -> None:
    """Screen the loaded enterprises against the pool's entry standard and let the province
    select all that pass (about 1 in 80 of the generated population: most lack an attested
    fact the standard needs), through the pool's own services; copies carry their
    memberships."""
    from portal.accounts.models import User
    from portal.enterprises.models import Enterprise
    from portal.pool.models import EntryScreening
    from portal.pool.screening import screening_run, screening_start
    from portal.pool.services import pool_select

    started = time.perf_counter()
    province = User.objects.get(username="province")
    screening_run(run=screening_start(actor=province, region=None))
    passing = EntryScreening.objects.filter(verdict="pass").values("enterprise_id")
    entered = pool_select(enterprises=Enterprise.objects.filter(pk__in=passing).order_by("pk"),
                          actor=province, note="基准数据：按入库标准遴选").entered
    print(f"培育库入库 {len(entered)} 家（{time.perf_counter() - started:.0f} 秒）")


def replicate(count: int) -> None:
    """Copy the loaded enterprises (with their facts, titles, stored assessments, cluster links
    and pool memberships) until there are ``count``: copy k of enterprise i gets id
    i + k·offset and a distinct 18-digit code. Loading 100k through the registry takes ~1.5 h
    on 2 busy cores; the list page only needs realistic row counts and value distributions,
    which copies keep."""
    from django.db import connection, transaction

    from portal.assessments.models import Assessment
    from portal.enterprises.models import Enterprise, Fact, Title
    from portal.pool.models import PoolMembership

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), max(id) FROM enterprises_enterprise")
        have, offset = cursor.fetchone()
    if have != offset:
        raise RuntimeError("基准数据库的企业编号不连续，请使用 --rebuild 重建。")
    copies = -(-count // have) - 1
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_copy_sql(Enterprise, "id", copies, offset, count, {
            "id": "e.id + k * %(o)s",
            "uscc": "'9' || lpad((e.id + k * %(o)s)::text, 17, '0')"}))
        for model in (Fact, Title, Assessment, Enterprise.clusters.through, PoolMembership):
            cursor.execute(_copy_sql(model, "enterprise_id", copies, offset, count,
                                     {"enterprise_id": "e.enterprise_id + k * %(o)s"}))
            print(f"  已复制 {model._meta.verbose_name}（{time.perf_counter() - started:.0f} 秒）",
                  flush=True)
        cursor.execute("SELECT setval(pg_get_serial_sequence('enterprises_enterprise', 'id'), "
                       "(SELECT max(id) FROM enterprises_enterprise))")
    print(f"复制到 {count} 家企业（{time.perf_counter() - started:.0f} 秒）")


def _copy_sql(model, key: str, copies: int, offset: int, count: int,
              replaced: dict[str, str]) -> str:
    """INSERT … SELECT copying ``model``'s rows of the original enterprises ``copies`` times;
    ``replaced`` gives expressions for changed columns, other columns copy as they are."""
    from django.db import connection

    quote = connection.ops.quote_name
    columns = [f.column for f in model._meta.concrete_fields
               if f.column != "id" or "id" in replaced]
    values = [replaced.get(c, f"e.{quote(c)}").replace("%(o)s", str(offset)) for c in columns]
    table = model._meta.db_table
    return (f"INSERT INTO {table} ({', '.join(map(quote, columns))}) SELECT {', '.join(values)} "
            f"FROM {table} e CROSS JOIN generate_series(1, {copies}) AS k "
            f"WHERE e.{key} <= {offset} AND e.{key} + k * {offset} <= {count}")


# --- the server ---------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(port: int, workers: int | None) -> subprocess.Popen[bytes]:
    """The site as deployed (config/gunicorn.conf.py), on a free loopback port."""
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application",
               "--config", "config/gunicorn.conf.py", "--bind", f"{HOST}:{port}"]
    if workers:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn 未能在 30 秒内启动")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


# --- one client ---------------------------------------------------------------------------

@dataclass
class Client:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: str | None = None,
                ) -> tuple[int, str, dict[str, str]]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "Host": HOST}
        if body is not None:
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Referer": f"http://{HOST}:{self.port}/accounts/login/"})
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        for raw in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = raw.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text, dict(response.headers)

    def sign_in(self, username: str, password: str) -> None:
        _, page, _ = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise RuntimeError("登录页缺少 CSRF 令牌")
        form = urllib.parse.urlencode({"username": username, "password": password,
                                       "csrfmiddlewaretoken": token.group(1)})
        status, _, _ = self.request("POST", "/accounts/login/", body=form)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"登录失败（HTTP {status}）")


def list_paths(count: int, seed: int) -> list[str]:
    from django.urls import reverse

    base = reverse("workspace:list")
    chooser = random.Random(seed)
    paths = []
    for _ in range(count):
        query = urllib.parse.urlencode(urllib.parse.parse_qsl(chooser.choice(FILTERS)))
        page = chooser.choice((1, 1, 2, 3, 5, 10, 40))
        paths.append(f"{base}?{query}{'&' if query else ''}page={page}")
    return paths


# --- the load -----------------------------------------------------------------------------

@dataclass
class Result:
    latencies: list[float]
    errors: int
    seconds: float
    by_filter: dict[str, list[float]] = field(default_factory=dict)

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def run_load(clients: list[Client], per_client: int, seed: int) -> Result:
    latencies: list[float] = []
    by_filter: dict[str, list[float]] = {}
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + TIME_LIMIT_S

    def work(index: int, client: Client) -> None:
        for path in list_paths(per_client, seed + index):
            if time.monotonic() > deadline:
                return
            started = time.perf_counter()
            try:
                status, _, _ = client.request("GET", path)
            except (OSError, http.client.HTTPException):
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                    by_filter.setdefault(_filter_of(path), []).append(elapsed)
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(latencies, errors[0], time.perf_counter() - started, by_filter)


def _filter_of(path: str) -> str:
    query = urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query)
    return "&".join(f"{k}={v}" for k, v in query if k != "page") or "（无筛选）"


def signed_in_clients(port: int, count: int) -> list[Client]:
    from portal.demo.logins import DEMO_PASSWORD

    clients = [Client(port) for _ in range(count)]
    for client in clients:
        client.sign_in("province", DEMO_PASSWORD)
    return clients


def report_filters(result: Result) -> None:
    """Median and worst latency per filter under load: which filters make the tail."""
    rows = sorted(result.by_filter.items(), key=lambda kv: -statistics.median(kv[1]))
    for name, times in rows:
        print(f"    {name:<40} 请求 {len(times):>4}  p50 {statistics.median(times) * 1000:7.1f} ms"
              f"  最大 {max(times) * 1000:7.1f} ms")


def report(label: str, result: Result) -> None:
    print(f"{label:<22} 请求 {len(result.latencies):>5}  失败 {result.errors:>3}  "
          f"p50 {result.percentile(50):7.1f} ms  p95 {result.percentile(95):7.1f} ms  "
          f"p99 {result.percentile(99):7.1f} ms  吞吐 {result.throughput:6.1f} 次/秒")


# --- the profile --------------------------------------------------------------------------

def profile_queries(top: int = 8) -> None:
    """Every distinct filter once, in-process: total time and the slowest SQL statements."""
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.urls import reverse

    from portal.accounts.models import User

    client = DjangoClient()
    client.force_login(User.objects.get(username="province"))
    timings: list[tuple[float, str]] = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append((time.perf_counter() - started, sql))

    for query in FILTERS:
        timings.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(timed):
            status = client.get(f"{reverse('workspace:list')}?{query}&page=5",
                                HTTP_HOST=HOST).status_code
        total = (time.perf_counter() - started) * 1000
        sql_ms = sum(t for t, _ in timings) * 1000
        print(f"\n[{status}] ?{query or '（无筛选）'}&page=5  共 {total:.0f} ms，"
              f"SQL {len(timings)} 条 {sql_ms:.0f} ms")
        for seconds, sql in sorted(timings, reverse=True)[:top]:
            print(f"   {seconds * 1000:7.1f} ms  {sql[:220]}")


def main() -> None:
    parser = argparse.ArgumentParser(description="企业名录页并发负载基准（PostgreSQL）")
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=40, help="每个并发客户端的请求数")
    parser.add_argument("--baseline-requests", type=int, default=60)
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn 进程数（默认见 config/gunicorn.conf.py：2×核数+1）")
    parser.add_argument("--database", default="zjtx_bench")
    parser.add_argument("--rebuild", action="store_true", help="删除并重建基准数据库")
    parser.add_argument("--profile", action="store_true", help="逐条计时每个筛选的 SQL")
    parser.add_argument("--prepare-only", action="store_true", help="只准备基准数据库，不测负载")
    args = parser.parse_args()

    configure_django(ensure_database(args.database, args.rebuild))
    populate(args.enterprises)
    if args.prepare_only:
        return
    if args.profile:
        profile_queries()
    port = free_port()
    server = start_server(port, args.workers)
    try:
        warm = signed_in_clients(port, 1)
        run_load(warm, 10, SEED - 1)
        baseline = run_load(warm, args.baseline_requests, SEED)
        loaded = run_load(signed_in_clients(port, args.clients), args.requests, SEED + 100)
    finally:
        stop_server(server)
    workers = args.workers or runpy.run_path(str(ROOT / "config/gunicorn.conf.py"))["workers"]
    print(f"\n企业名录页，{args.enterprises} 家企业，PostgreSQL，gunicorn {workers} 个同步进程"
          f"（config/gunicorn.conf.py）")
    report("基线（1 个客户端）", baseline)
    report(f"并发（{args.clients} 个客户端）", loaded)
    print("并发下各筛选条件的延迟：")
    report_filters(loaded)
    p95 = loaded.percentile(95)
    print(f"p95 并发/基线 = {p95 / baseline.percentile(95):.1f}×；吞吐 并发/基线 = "
          f"{loaded.throughput / baseline.throughput:.1f}×；目标 p95 ≤ {TARGET_P95_MS:.0f} ms："
          f"{'达标' if p95 <= TARGET_P95_MS else '未达标'}")
    print(f"中位数延迟（基线）{statistics.median(baseline.latencies) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
