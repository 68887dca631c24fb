"""``python -m nianbao``: the console script (`nianbao.cli.run`)."""

from .cli import run

if __name__ == "__main__":  # imported (as tools that walk the package do), it runs nothing
    run()
