"""tagdyr: reconstructs the fates of Kazakh and Central Asian WWII participants from archives."""

__version__ = "0.1.0"
