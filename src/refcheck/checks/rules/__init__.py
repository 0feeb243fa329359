"""Rule modules, one rule each, grouped by what they look at."""
