"""Figures: the one figure reader, the claim form's prefill, offline suggestions, and the
comparison of figures across sources."""
