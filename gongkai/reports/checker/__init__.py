"""Reading published annual reports in whatever layout they come, and checking them.

Pure Python: no Django, no database. `check_paths` is the entry point used by the
`gongkai check-report` command."""
