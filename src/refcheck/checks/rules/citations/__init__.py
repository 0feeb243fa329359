"""Rules about citations."""
