"""A shared pool of checker workers for a classroom server (see ``docs/server.md``, Checkers).

One parent imports SymPy and the engine once, warms up and forks about one worker per core;
the server's games send their checks over a Unix socket (``protocol``) instead of each
starting a checker of its own. ``server`` is the parent's loop, ``workers`` the forked
workers, ``client`` the game's end, used by ``JudgeService`` when the server names a socket.
"""
