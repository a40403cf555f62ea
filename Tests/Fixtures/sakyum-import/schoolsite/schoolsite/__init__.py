# from sakyum software, your (schoolsite) project __init__.py file
from .config import create_app


app = create_app()
