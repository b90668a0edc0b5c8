"""The citizen web page: server-rendered HTML with a few small scripts."""
