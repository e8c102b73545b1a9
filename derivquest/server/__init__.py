"""The classroom server: `derivquest serve` lets students play over SSH with nothing installed.

Modules, from the outside in: `runner` (listen, stop cleanly), `connection` (log in, refuse
everything but the game), `session` (one game on a pty), `channel` (its SSH channel, which
keeps none of the client's variables), `pty_child` (spawn within a budget, resize, end),
`reaper` (no orphans), `auth`/`keys`/`password_roster`/`passwords` (who may log in),
`limits` (delays, lockouts, caps), `report` (the teacher's view of the class). Nothing here
imports Textual, and nothing outside this package imports asyncssh. docs/server.md is the
teacher's guide.
"""

import warnings

# asyncssh imports cryptography's DSA classes, and cryptography warns at each use: five
# warnings on every `derivquest serve`. DSA is neither offered nor accepted here (the host
# key is Ed25519, and keys.py reads students' keys), so the teacher is spared them.
warnings.filterwarnings("ignore", message="DSA is deprecated", module=r"asyncssh(\.|$)")
