from bench.web.run import main

main()
