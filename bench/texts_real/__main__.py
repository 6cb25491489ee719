from bench.texts_real.score import main

main()
