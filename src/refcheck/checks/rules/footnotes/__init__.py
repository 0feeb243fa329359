"""Rules about footnotes."""
