#!/usr/bin/env python3
"""Writes sakyum.db the way a sakyum project's SQLAlchemy models do (sakyum's auth User and the
tutorial's exam models), so SakyumStoreTests can check that such a database opens and reads back exactly.

    python3 -m venv /tmp/sqla && /tmp/sqla/bin/pip install sqlalchemy
    /tmp/sqla/bin/python make_sakyum_db.py      # writes sakyum.db beside this script

Given a PostgreSQL URL instead (postgresql+psycopg2://…), it makes the same tables and rows there, and
the first user's password is a real bcrypt hash of "armstrong69" (sakyum's Flask-Bcrypt makes $2b$ hashes),
so a test can log in with it: make_sakyum_pg runs it that way and dumps the result to sakyum-postgres.sql.
"""
import os
import sys
from datetime import date, datetime

from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Integer, String, Text,
                        create_engine, text)
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class User(Base):  # sakyum/auth/models.py
    __tablename__ = "user"
    id = Column(Integer, primary_key=True)
    date_joined = Column(DateTime, nullable=False, default=datetime.utcnow)
    username = Column(String(20), unique=True, nullable=False)
    user_img = Column(String(255), default="default_img.png")
    email = Column(String(120), unique=True, nullable=False)
    password = Column(String(255), nullable=False)
    authenticated = Column(Boolean, default=False)
    is_superuser = Column(Boolean, default=False)
    is_admin = Column(Boolean, default=False)


class ExamQuestionModel(Base):  # the tutorial's exam/models.py
    __tablename__ = "exam_question_model"
    id = Column(Integer, primary_key=True)
    date_posted = Column(DateTime, nullable=False, default=datetime.utcnow)
    user = relationship("User", backref="user")
    user_id = Column(Integer, ForeignKey("user.id"))
    question_text = Column(Text, nullable=False)
    choices = relationship("ExamChoiceModel", backref="selector", lazy=True)
    scores = relationship("ExamScoreModel", backref="question")


class ExamChoiceModel(Base):
    __tablename__ = "exam_choice_model"
    id = Column(Integer, primary_key=True)
    date_posted = Column(DateTime, nullable=False, default=datetime.utcnow)
    question_id = Column(Integer, ForeignKey("exam_question_model.id"), nullable=False)
    choice_text = Column(String(100), nullable=False)


class ExamScoreModel(Base):  # every other column type and option models.yaml offers
    __tablename__ = "exam_score_model"
    id = Column(Integer, primary_key=True)
    question_id = Column(Integer, ForeignKey("exam_question_model.id", ondelete="CASCADE"), nullable=False, index=True)
    points = Column(Float)
    taken_on = Column(Date)
    details = Column(JSON)
    code = Column(String(8), unique=True, index=True)
    passed = Column(Boolean, nullable=False, default=False)


if len(sys.argv) > 1:
    import bcrypt
    engine = create_engine(sys.argv[1])
    first_password = bcrypt.hashpw(b"armstrong69", bcrypt.gensalt(rounds=12, prefix=b"2b")).decode()
else:
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sakyum.db")
    if os.path.exists(path):
        os.remove(path)
    engine = create_engine(f"sqlite:///{path}")
    first_password = "$2b$12$hash1"
Base.metadata.create_all(engine)

with Session(engine) as session:
    backend = User(username="backend-developer", email="developer@backend.com", password=first_password,
                   date_joined=datetime(2023, 3, 14, 9, 26, 53, 589793), is_admin=True, authenticated=True)
    front = User(username="frönt-développeur", email="developer@front.com", password="$2b$12$hash2",
                 date_joined=datetime(2023, 3, 15, 0, 0, 0), user_img=None)
    session.add_all([backend, front])
    q1 = ExamQuestionModel(question_text="At which year Neil Armstrong landed in the moon?", user=backend,
                           date_posted=datetime(2023, 4, 1, 12, 30, 0, 5))
    q2 = ExamQuestionModel(question_text="Qu'est-ce qui est étrange ? 月 🌕", user=None,
                           date_posted=datetime(1999, 12, 31, 23, 59, 59, 999999))
    session.add_all([q1, q2])
    session.add_all([
        ExamChoiceModel(selector=q1, choice_text="1969", date_posted=datetime(2023, 4, 1, 12, 31)),
        ExamChoiceModel(selector=q1, choice_text="1970", date_posted=datetime(2023, 4, 1, 12, 32)),
    ])
    session.add(ExamScoreModel(question=q1, points=7.25, taken_on=date(2024, 2, 29),
                               details={"tries": 2, "note": "ok ✓"}, code="A1", passed=True))
    session.add(ExamScoreModel(question=q2, points=None, taken_on=None, details=None, code=None))
    session.commit()
    # SQLAlchemy applies Python-side defaults in place of None, so NULLs are written directly.
    session.execute(text('UPDATE "user" SET user_img = NULL, is_superuser = NULL WHERE id = 2'))
    session.commit()
engine.dispose()
