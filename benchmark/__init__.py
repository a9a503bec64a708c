"""DQB, the Discourse-Quality Benchmark: data, models, metrics, leaderboard, contributions and scoring."""

__version__ = "1.0.0"
