"""The `moviebot` command line: each module parses, calls one library function, formats."""
