import sys

from .errors import InputError

try:
    from .cli import main
except InputError as e:  # a reference table read when the modules load (data/status_words.csv)
    print(e.one_line(), file=sys.stderr)
    sys.exit(2)

sys.exit(main())
