import sys

from pilotbook.commands.cli import main

sys.exit(main())
