from .cli import main

if __name__ == "__main__":  # guarded: photo workers re-import this module when spawned
    main()
