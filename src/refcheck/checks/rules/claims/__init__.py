"""Rules about claims: does the cited work belong with the claim, does the claim need a citation at all."""
