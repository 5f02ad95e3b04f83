"""Commands that run the platform: reference data, the demo, the web server and the worker."""

from __future__ import annotations

import subprocess
import sys

import click

from zjtx.django_setup import configure_django


@click.command("setup-data")
def setup_data() -> None:
    """迁移数据库并（幂等地）加载参考数据：行政区划、国民经济行业分类、产业集群。"""
    configure_django()
    from django.core.management import call_command

    from portal.demo.reference import load_reference_data

    call_command("migrate", verbosity=0)
    for line in load_reference_data():
        click.echo(line)


@click.command("demo")
@click.option("--enterprises", default=3000, show_default=True, help="演示企业数量")
@click.option("--seed", default=2026, show_default=True, help="随机种子（结果可复现）")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址")
@click.option("--port", default=8000, show_default=True, help="监听端口")
@click.option("--no-serve", is_flag=True, help="只准备演示数据，不启动服务")
def demo(enterprises: int, seed: int, host: str, port: int, no_serve: bool) -> None:
    """准备演示数据库（参考数据、演示企业、各角色账号）并启动网站与后台任务进程。"""
    configure_django()
    from portal.demo.setup import prepare_demo

    for line in prepare_demo(enterprises=enterprises, seed=seed, address=f"http://{host}:{port}/"):
        click.echo(line)
    if not no_serve:
        _serve(host, port)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址")
@click.option("--port", default=8000, show_default=True, help="监听端口")
def serve(host: str, port: int) -> None:
    """启动网站与后台任务进程（数据库需已准备好）。"""
    _serve(host, port)


def _serve(host: str, port: int) -> None:
    manage = [sys.executable, "-m", "django"]
    env_note = "（按 Ctrl+C 停止）"
    worker = subprocess.Popen([*manage, "db_worker", "--settings=config.settings"])
    click.echo(f"后台任务进程已启动（pid {worker.pid}）。")
    click.echo(f"网站地址：http://{host}:{port}/ {env_note}")
    try:
        subprocess.run([*manage, "runserver", f"{host}:{port}", "--noreload",
                        "--settings=config.settings"], check=False)
    except KeyboardInterrupt:
        pass
    finally:
        worker.terminate()
        worker.wait(timeout=10)


def register(group: click.Group) -> None:
    for command in (setup_data, demo, serve):
        group.add_command(command)
