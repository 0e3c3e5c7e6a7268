"""The institutional strategy toolkit: scoping canvas, STEEP, readiness, recommendations."""
