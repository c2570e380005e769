"""Watching sources: feeds, pages and drop folders polled politely, their new items stored and linked, and
alert rules checked on what they bring (``bilateral watch``; state in :mod:`bilateral.store.watching`)."""
