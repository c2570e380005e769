from bilateral.cli import run

if __name__ == "__main__":  # not when the server's ingest worker is spawned and imports the main module again
    run()
