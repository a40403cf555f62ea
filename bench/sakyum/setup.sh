#!/usr/bin/env bash
# Builds the reference sakyum 0.0.12 site (the docs' quick start + tutorial) for benchmarks.
# Idempotent: reuses the venv if sakyum 0.0.12 and gunicorn are already in it, and re-creates the
# project from scratch every run (new SECRET_KEY, new database).
#
#   bench/sakyum/setup.sh
#
# Venv: bench/.work/sakyum-venv (override with SAKYUM_VENV). Not bench/.venv: sakyum 0.0.12 pins
# SQLAlchemy==1.4.45 (and older greenlet / typing-extensions), and installing it there would
# downgrade the SQLAlchemy 2.0.36 that bench/store/run measures.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(cd "$here/.." && pwd)"
work="$bench/.work"
venv="${SAKYUM_VENV:-$work/sakyum-venv}"
site="$work/sakyum"            # parent folder in which `project('schoolsite')` is run
proj="$site/schoolsite"        # the project folder (thunder.py, default.db, …)
py="$venv/bin/python"

mkdir -p "$work"
if [ ! -x "$py" ]; then
  echo "== creating venv $venv"
  python3 -m venv "$venv"
fi
if ! "$py" -c 'import sakyum, gunicorn, sys; sys.exit(sakyum.__version__ != "0.0.12")' 2>/dev/null; then
  echo "== installing sakyum 0.0.12 and gunicorn"
  "$venv/bin/pip" install -q 'sakyum==0.0.12' gunicorn
fi
"$py" -c 'import sakyum, flask, flask_admin, sqlalchemy, gunicorn; print("== sakyum", sakyum.__version__, "| Flask", flask.__version__, "| Flask-Admin", flask_admin.__version__, "| SQLAlchemy", sqlalchemy.__version__, "| gunicorn", gunicorn.__version__)'

# sakyum's commands look at the environment only through FLASK_DEBUG; keep it off.
unset FLASK_DEBUG FLASK_APP

echo "== (re)creating $proj"
rm -rf "$site"
mkdir -p "$site"
cd "$site"
"$py" -c "from sakyum import project; project('schoolsite')"
cd "$proj"
"$py" thunder.py create_app -a exam

echo "== applying the tutorial's edits (models, admin view, forms, registration)"
"$py" - <<'PY'
import re

def edit(path, old, new, count=1):
    text = open(path).read()
    if text.count(old) != count:
        raise SystemExit(f"setup.sh: expected {count} x {old!r} in {path}, found {text.count(old)}")
    open(path, "w").write(text.replace(old, new))

def append(path, text):
    with open(path, "a") as f:
        f.write(text)

# Tutorial, "App models": exam/models.py
append("exam/models.py", '''
class ExamQuestionModel(db.Model):
  """ Exam default Question model """
  id = db.Column(db.Integer, primary_key=True)
  date_posted = db.Column(db.DateTime, nullable=False, default=datetime.utcnow)
  # the user field is the user who create the question and he is in the `User` models of auth
  user = db.relationship('User', backref='user')
  user_id = db.Column(db.Integer, db.ForeignKey('user.id'))
  question_text = db.Column(db.Text, nullable=False)
  choices = db.relationship('ExamChoiceModel', backref='selector', lazy=True)

  def __str__(self):
    return f'{self.question_text}'

  def __repr__(self):
    return f'{self.question_text}'


class ExamChoiceModel(db.Model):
  """ Exam default Choice model """
  id = db.Column(db.Integer, primary_key=True)
  date_posted = db.Column(db.DateTime, nullable=False, default=datetime.utcnow)
  question_id = db.Column(db.Integer, db.ForeignKey('exam_question_model.id'), nullable=False)
  choice_text = db.Column(db.String(100), nullable=False)

  def __str__(self):
    return f'{self.choice_text}'

  def __repr__(self):
    return f'{self.choice_text}'
''')

# Tutorial, "Register model in the form of admin model view": exam/admin.py
append("exam/admin.py", '''
class QuestionChoiceAdminView(ModelView):
  can_delete = True  # enable model deletion
  can_create = True  # enable model deletion
  can_edit = True  # enable model deletion
  page_size = 50  # the number of entries to display on the list view

  def is_accessible(self):
    return current_user.is_authenticated

  def inaccessible_callback(self, name, **kwargs):
    # redirect to login page if user doesn't have access
    return redirect(url_for('auth.adminLogin', next=request.url))
''')

# Tutorial, "HTML forms": exam/forms.py and the import in exam/views.py
append("exam/forms.py", '''
class QuestionForm(FlaskForm):
  """ Exam default Question form """
  question_text = TextAreaField('Question_Text', validators=[DataRequired()])
  submit = SubmitField('create')


class ChoiceForm(FlaskForm):
  """ Exam default Choice form """
  question_id = StringField('Question_Id', validators=[DataRequired()])
  choice_text = StringField('Choice_Text', validators=[DataRequired(), Length(min=2, max=20)])
  submit = SubmitField('create')
''')
edit("exam/views.py", "# from .forms import <model_form>", "from .forms import QuestionForm, ChoiceForm")

# Quick start, "Register an app": schoolsite/routes.py
edit("schoolsite/routes.py", "# from <app_name>.views import <app_name>", "from exam.views import exam")
edit("schoolsite/routes.py", "  # <app_name>,\n", "  exam,\n")

# Tutorial, "Register our models to admin" / "... admin model view": schoolsite/config.py
edit("schoolsite/config.py", "  # from <app_name>.admin import <admin_model_view>\n",
     "  from exam.models import ExamQuestionModel, ExamChoiceModel\n"
     "  from exam.admin import QuestionChoiceAdminView\n")
edit("schoolsite/config.py",
     "    admin.add_view(UserAdminView(User, db.session, name='User', category='User-section'))\n",
     "    admin.add_view(UserAdminView(User, db.session, name='User', category='User-section'))\n"
     "    admin.add_view(QuestionChoiceAdminView(ExamQuestionModel, db.session, name='Questions', category='Question-Choice'))\n"
     "    admin.add_view(QuestionChoiceAdminView(ExamChoiceModel, db.session, name='Choices', category='Question-Choice'))\n")
PY

# The WSGI module for gunicorn: sakyum has none (its docs' "Mod wsgi" and "Deployment" pages are
# empty) and thunder.py calls app.run() at import time, so wsgi.py is thunder.py without the
# argument parsing and without app.run(): the same imports, load_env() and create_app(reg_blueprints),
# then it pops the app contexts sakyum leaves pushed (see the comment written into wsgi.py).
"$py" - <<'PY'
src = open("thunder.py").read()
tail = "app = create_app(reg_blueprints)\napp.run(debug=boot.d, port=boot.p, host=boot.h)\n"
main = "boot = Boot()\nif __name__ == '__main__':\n  boot.run()\n"
if not src.endswith(tail) or main not in src:
    raise SystemExit("setup.sh: thunder.py does not look like sakyum 0.0.12's; not writing wsgi.py")
wsgi = src[: -len(tail)].replace(main, "")
wsgi = wsgi.replace("# Your project thunder.py file\n",
    "# WSGI entry point for gunicorn (`gunicorn wsgi:app`), written by bench/sakyum/setup.sh:\n"
    "# sakyum's thunder.py minus its argument parsing and app.run()\n")
open("wsgi.py", "w").write(wsgi + """app = create_app(reg_blueprints)


# sakyum's create_app() does `app.app_context().push()` and never pops it (once when the schoolsite
# package is imported, once here). Flask reuses an app context already pushed in the thread for every
# request, so under gunicorn's sync workers (requests run in the thread that imported this module)
# `g` is shared by all requests of a worker: Flask-Login's current user (g._login_user) leaks from one
# request to the next, and the Flask-SQLAlchemy session is never removed. The dev server is not hit
# (each request runs in a new thread). Pop those contexts so each request gets its own, as under
# `thunder.py boot`. SAKYUM_WSGI_RAW=1 keeps sakyum's behaviour.
import os
if os.environ.get("SAKYUM_WSGI_RAW") != "1":
  from flask.globals import _cv_app
  while _cv_app.get(None) is not None:
    _cv_app.get().pop()
""")
PY

echo "== creating the admin user"
"$py" thunder.py create_user -u ada -e ada@example.com -p lovelace1

echo "== seeding 50 questions x 4 choices (the tutorial's 'Play with api' way)"
"$py" - <<'PY'
from datetime import datetime, timedelta
from sakyum.auth.models import User
from schoolsite.config import db          # importing the project creates the app and pushes its context
from exam.models import ExamQuestionModel, ExamChoiceModel

db.create_all()
ada = User.query.filter_by(username="ada").one()
start = datetime(2024, 1, 1)
for i in range(1, 51):
    q = ExamQuestionModel(question_text=f"Question number {i}: what is {i} + {i}?", user=ada,
                          date_posted=start + timedelta(minutes=i))
    db.session.add(q)
    db.session.flush()
    for k, answer in enumerate((2 * i, 2 * i + 1, 2 * i - 1, i * i + 7)):
        db.session.add(ExamChoiceModel(choice_text=f"{answer}", question_id=q.id,
                                       date_posted=start + timedelta(minutes=i, seconds=k)))
db.session.commit()
print(f"users={User.query.count()} questions={ExamQuestionModel.query.count()} choices={ExamChoiceModel.query.count()}")
PY

cat <<EOF
== done
venv:      $venv
project:   $proj
thunder:   $proj/thunder.py   (dev server: bench/sakyum/serve.sh PORT dev)
wsgi:      $proj/wsgi.py      (gunicorn:   bench/sakyum/serve.sh PORT gunicorn)
database:  $proj/default.db
admin:     ada / lovelace1
EOF
