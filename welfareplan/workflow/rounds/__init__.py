"""Rounds (年度): creating, closing and reopening one and its deadline (:mod:`.lifecycle`), and
the committee's opinions on it (:mod:`.opinions`)."""
