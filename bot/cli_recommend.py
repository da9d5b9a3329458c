"""Placeholder: subcommands registered by this module are being written."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to `commands`."""
