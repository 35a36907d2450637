"""ittifoq: a knowledge graph of Uzbek–Kazakh relations, with evidence for every fact."""

__version__ = "0.1.0"
