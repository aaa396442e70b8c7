"""`python -m generator` runs the command line."""
import os
import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C (or SIGTERM) while Python still loads the program: nothing was started
    print("generator: interrupted before it started; nothing was written", file=sys.stderr, flush=True)
    os._exit(130)

code = main()
if code in (130, 143):  # interrupted, and cleaned up: end now with that status, which Python's shutdown after a
    sys.stdout.flush()  # KeyboardInterrupt sometimes turned into death by SIGINT (-2: 1 run in 40 stopped early)
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
