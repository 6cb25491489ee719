from bench.linkage.run import main

main()
