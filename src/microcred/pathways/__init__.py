"""Pathways: micro-credentials stacked towards a larger qualification (issue 15)."""
