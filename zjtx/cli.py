"""The `zjtx` entry point. Each command family lives in its own module and registers here."""

from __future__ import annotations

import click

from zjtx import (
    engine_commands,
    platform_commands,
    population_commands,
    registry_commands,
    screening_commands,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """zjtx 专精特新企业梯度培育平台命令行。"""


engine_commands.register(main)
population_commands.register(main)
registry_commands.register(main)
platform_commands.register(main)
screening_commands.register(main)
