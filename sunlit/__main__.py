from sunlit.cli import main

main()
