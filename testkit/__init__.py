"""What tests and benchmarks share: the fake Discord, the store generator, a manual clock,
and the scorers of the question sets and the drafts.

It may import ``bot`` and the libraries it uses; nothing in ``bot`` imports it, and it ships
in neither the wheel (``pyproject.toml`` packages only ``bot``) nor the image (.dockerignore).
"""
