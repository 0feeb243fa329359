"""Rules about library."""
