import sys

from pilotbook.cli import main

sys.exit(main())
