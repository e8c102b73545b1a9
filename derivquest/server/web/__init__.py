"""`derivquest web`: the classroom server in a browser tab, built on textual-serve."""
