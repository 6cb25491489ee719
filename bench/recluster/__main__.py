from bench.recluster.run import main

main()
