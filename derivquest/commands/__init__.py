"""Subcommands of `derivquest`: each module has `register(subparsers)` and a handler."""
