from bilateral.cli import run

run()
