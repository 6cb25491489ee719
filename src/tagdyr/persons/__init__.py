"""Persons in the database: linking records into persons, judgements and review,
clustering under judgements, components, and reverting logged changes.

The Splink side (models, features, file linking) is :mod:`tagdyr.link`."""
