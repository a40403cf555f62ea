# from sakyum software, your app (exam) __init__.py file
from . import views
