"""The command line: the only code that knows click, rich, processes and files.

``main`` is the console script; ``commands`` the four subcommands, each one call into
the library; ``options`` the options they share; ``pipeline`` the one run loop and
``workers`` its -j processes; ``output`` files and ``-o``; ``console`` what is drawn on a
terminal; ``env`` the streams of a run; ``params`` checked option values.
"""
