from bench.cli.run import main

main()
