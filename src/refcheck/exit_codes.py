"""Exit codes, per the report contract."""

EXIT_OK = 0  # no finding at or above --fail-on
EXIT_FINDINGS = 1  # findings at or above --fail-on
EXIT_USAGE = 2  # bad usage or unreadable input (the message names the file)
EXIT_INTERNAL = 3  # a bug in refcheck
