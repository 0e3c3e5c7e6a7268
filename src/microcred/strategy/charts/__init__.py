"""Pure SVG chart builders (no JavaScript, no inline styles) for pages and PDFs."""

from __future__ import annotations

from microcred.strategy.charts.matrix import MatrixLabels, MatrixPoint, matrix_svg
from microcred.strategy.charts.radar import RadarLabels, radar_svg

__all__ = ["MatrixLabels", "MatrixPoint", "RadarLabels", "matrix_svg", "radar_svg"]
