from guidelint.cli import main

raise SystemExit(main())
