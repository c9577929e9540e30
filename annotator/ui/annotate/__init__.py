"""Annotating: the article list and view, the claim form and the claims table."""
