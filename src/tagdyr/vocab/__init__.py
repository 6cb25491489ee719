"""The domain's reference data: the gazetteer of historical places and the military ranks."""
