from bench.names.run import main

main()
