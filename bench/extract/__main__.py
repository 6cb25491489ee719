from bench.extract.run import main

main()
