# from sakyum software, your app (exam) views.py file
from flask import (render_template, Blueprint, redirect, url_for, flash)
from flask_login import current_user, login_required
from sakyum.utils import footer_style, template_dir, static_dir
from sakyum.contrib import db
from .models import ExamQuestionModel, ExamChoiceModel
from .forms import QuestionForm, ChoiceForm


exam = Blueprint('exam', __name__, template_folder=template_dir(), static_folder=static_dir('exam'))


@exam.route('/exam/', methods=['GET', 'POST'])
def index():
  context = {
    'head_title': 'exam',
    'footer_style': footer_style,
  }
  return render_template('exam/index.html', context=context)


@exam.route('/exam/questions/')
def questions():
  context = {
    'head_title': 'exam questions',
    'footer_style': footer_style,
  }
  questions = ExamQuestionModel.query.order_by(ExamQuestionModel.date_posted.desc()).all()
  return render_template('exam/questions.html', context=context, questions=questions)


@exam.route('/exam/question/<int:id>/')
def question(id):
  question = ExamQuestionModel.query.get_or_404(id)
  context = {
    'head_title': 'exam question',
    'footer_style': footer_style,
  }
  return render_template('exam/question.html', context=context, question=question)


@exam.route('/exam/ask/', methods=['GET', 'POST'])
@login_required
def ask():
  form = QuestionForm()
  if form.validate_on_submit():
    q = ExamQuestionModel(question_text=form.question_text.data, user=current_user)
    db.session.add(q)
    db.session.commit()
    flash('Your question has been created!', 'success')
    return redirect(url_for('exam.questions'))
  context = {
    'head_title': 'ask a question',
    'footer_style': footer_style,
  }
  return render_template('exam/ask.html', context=context, form=form)
