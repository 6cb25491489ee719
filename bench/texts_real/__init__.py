"""Person mentions and facts in 36 real third-party texts (kk, ru, en, fr, de, no), scored
against a stand-off gold set: ``python -m bench.texts_real``."""
