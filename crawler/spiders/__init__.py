"""Spiders: the generic ``site`` spider, plus one spider named after each registry entry."""
